import { NextResponse } from "next/server";
import { requireUser, withAuth } from "@/lib/api/withAuth";
import { parseJsonBody } from "@/lib/api/parse";
import { passwordChange } from "@/lib/contract/accounts";
import { setPassword } from "@/lib/auth/users";
import { sessionToken, sha256 } from "@/lib/auth/sessions";

const MAX_PASSWORD_BYTES = 4 * 1024;

export const PUT = withAuth(async ({ request, db, actor, principal }) => {
  const user = requireUser(principal);
  const { currentPassword, newPassword } = await parseJsonBody(request, passwordChange, MAX_PASSWORD_BYTES);
  const session = sessionToken(request);
  await setPassword(db, user.id, newPassword, actor, { currentPassword, keepSessionId: session ? sha256(session) : undefined });
  return NextResponse.json({ ok: true });
});
