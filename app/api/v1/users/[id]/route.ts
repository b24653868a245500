import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseJsonBody, parseParams } from "@/lib/api/parse";
import { BODIES } from "@/lib/contract/bodies";
import { userParams } from "@/lib/contract/params";
import { updateUser } from "@/lib/auth/users";

/** Changes a user's name, roles, owner workflows, or disables (ending their sessions) or enables them. */
export const PATCH = withAuth<{ id: string }>(async ({ request, db, actor, params }) => {
  const { id } = parseParams(params, userParams);
  const change = await parseJsonBody(request, BODIES.userUpdate);
  return NextResponse.json({ user: await updateUser(db, id, change, actor) });
});
