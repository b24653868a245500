// What every way of signing in ends with: a session, its two cookies on the response, an audit record, and a
// redirect to where the user was going (only ever a path of this app).
import { NextResponse } from "next/server";
import type { Database } from "@/lib/db/database";
import { appendAudit, recordRefusal } from "@/lib/audit/audit";
import { isHttps } from "@/lib/http";
import type { UserPrincipal } from "./authorize";
import { createSession, sessionCookies, type SignInMethod } from "./sessions";

/**
 * A page of this app to go to after signing in: one leading "/" (not "//" or "/\\", which browsers read as another
 * host), no control characters, not an API route; anything else becomes "/".
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/api/") || next.length > 2000) return "/";
  if (/[\u0000-\u001f\u007f]/.test(next)) return "/";
  return next;
}

/** Opens a session and audits the sign-in; the function it returns puts the session's cookies on a response. */
export async function openSession(db: Database, user: Pick<UserPrincipal, "id" | "email">, method: SignInMethod, source: string | null, secure: boolean) {
  const opened = await createSession(db, user.id, method);
  await appendAudit(db, { type: "user", name: user.email, source }, { action: "auth.sign_in", target: user.email, after: { method } });
  return (response: NextResponse): NextResponse => {
    for (const cookie of sessionCookies(opened, secure)) response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  };
}

export function clearSessionCookies(response: NextResponse, request: Request): NextResponse {
  for (const cookie of sessionCookies(null, isHttps(request))) response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
}

/** A refused sign-in (a bad link, a provider's refusal), counted per address and window (recordRefusal). */
export async function auditFailedSignIn(db: Database, source: string | null, target: string | null, reason: string, method: SignInMethod): Promise<void> {
  await recordRefusal(db, source, { action: "auth.sign_in_failed", target, after: { reason, method } });
}

/** The base of the links Tollgate hands out: TOLLGATE_PUBLIC_URL when set (behind a proxy), else `origin`. */
export function publicBaseUrl(origin: string): string {
  return (process.env.TOLLGATE_PUBLIC_URL?.trim() || origin).replace(/\/+$/, "");
}

/** A one-time sign-in link, as shown to an admin (users page) or printed by `tollgate users`. */
export function signInLink(origin: string, link: { token: string; expiresAt: Date }) {
  return { url: `${publicBaseUrl(origin)}/sign-in/link?token=${encodeURIComponent(link.token)}`, expiresAt: link.expiresAt.toISOString() };
}
