import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { badRequest } from "@/lib/api/errors";
import { keyName, revokeApiKey } from "@/lib/auth/keys";

/** Revokes a key: requests with its secret are refused from now on; the key stays listed, as revoked. */
export const DELETE = withAuth<{ name: string }>(async ({ db, actor, params }) => {
  const name = keyName.safeParse(params.name);
  if (!name.success) throw badRequest(`"${params.name.slice(0, 100)}" is not a key name`, [{ path: "name", message: "may hold letters, digits, . _ @ and -" }]);
  await revokeApiKey(db, name.data, actor);
  return NextResponse.json({ revoked: name.data });
});
