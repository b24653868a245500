import { NextResponse } from "next/server";
import { requireUser, withAuth } from "@/lib/api/withAuth";
import { parseJsonBody } from "@/lib/api/parse";
import { BODIES } from "@/lib/contract/bodies";
import { setPassword } from "@/lib/auth/users";
import { readCookie } from "@/lib/http";
import { SESSION_COOKIE, sha256 } from "@/lib/auth/sessions";

export const PUT = withAuth(async ({ request, db, actor, principal }) => {
  const user = requireUser(principal);
  const { currentPassword, newPassword } = await parseJsonBody(request, BODIES.password);
  const session = readCookie(request, SESSION_COOKIE);
  await setPassword(db, user.id, newPassword, actor, { currentPassword, keepSessionId: session ? sha256(session) : undefined });
  return NextResponse.json({ ok: true });
});
