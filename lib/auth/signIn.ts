// What every way of signing in ends with: a session, its two cookies on the response, an audit record, and a
// redirect to where the user was going (only ever a path of this app).
import { NextResponse } from "next/server";
import type { Database } from "@/lib/db/database";
import { appendAudit, type Actor } from "@/lib/audit/audit";
import { isHttps } from "@/lib/api/request";
import type { UserPrincipal } from "./authorize";
import { createSession, sessionCookies, type SignInMethod } from "./sessions";

/** A same-app path to go to after signing in; anything else (another host, "//host", a scheme) becomes "/". */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/api/")) return "/";
  return next;
}

export async function openSession(db: Database, user: UserPrincipal, method: SignInMethod, source: string | null, request: Request) {
  const opened = await createSession(db, user.id, method);
  await appendAudit(db.prisma, { type: "user", name: user.email, source }, { action: "auth.sign_in", target: user.email, after: { method } });
  return (response: NextResponse): NextResponse => {
    for (const cookie of sessionCookies(opened, isHttps(request))) response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  };
}

export function clearSessionCookies(response: NextResponse, request: Request): NextResponse {
  for (const cookie of sessionCookies(null, isHttps(request))) response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
}

export async function auditFailedSignIn(db: Database, actor: Actor, target: string | null, reason: string, method: SignInMethod): Promise<void> {
  await appendAudit(db.prisma, { ...actor, type: "anonymous" }, { action: "auth.sign_in_failed", target, after: { reason, method } });
}
