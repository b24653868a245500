// Access for pages and server actions, from the same rules as the API (lib/auth/rules.ts). The proxy passes each
// page request's path in a header it sets itself (any incoming copy is dropped), so a page never names its own rule
// and cannot name the wrong one; a page request without the header is refused (fail closed).
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { appDatabase } from "@/lib/db/database";
import { isHttpsHeaders, isSameOriginHeaders } from "@/lib/http";
import { authorize, type UserPrincipal } from "./authorize";
import { actionRule, matchRule, PATH_HEADER } from "./rules";
import { cookieName, readSession, SESSION_COOKIE } from "./sessions";

/**
 * The signed-in user of this request. The root layout, the (signed-in) layout and the page each ask; React's cache
 * lasts one server render, so they share one session read and nothing outlives the request (outside a render it
 * does not cache at all).
 */
export const currentUser = cache(async (): Promise<UserPrincipal | null> => {
  const token = (await cookies()).get(cookieName(SESSION_COOKIE, isHttpsHeaders(await headers())))?.value;
  return (await readSession(appDatabase(), token))?.user ?? null;
});

/**
 * The path part of the header (a path and query, as the proxy saw them), read as a path: as a URL, "//host/x" would
 * have become host "host" and path "/x", the rule of another page.
 */
export function pathOf(pathAndQuery: string): string {
  const end = pathAndQuery.search(/[?#]/);
  return end === -1 ? pathAndQuery : pathAndQuery.slice(0, end);
}

/** Call first in every page: the signed-in user (null on a public page), or a redirect to sign-in, or a 403 page. */
export async function requirePage(): Promise<UserPrincipal | null> {
  const path = (await headers()).get(PATH_HEADER);
  if (!path) throw new Error(`The request has no ${PATH_HEADER} header: is proxy.ts matching every page?`);
  const rule = matchRule("GET", pathOf(path));
  if (!rule) notFound();
  const user = await currentUser();
  const decision = authorize(rule.access, user, rule.params);
  if (decision.allowed) return user;
  if (decision.status === 401) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  forbidden();
}

/** Like requirePage, for a page that needs a signed-in user. */
export async function requireSignedInPage(): Promise<UserPrincipal> {
  const user = await requirePage();
  if (!user) throw new Error("requireSignedInPage on a public page");
  return user;
}

export type ActionAccess = { ok: true; user: UserPrincipal } | { ok: false; message: string };

/**
 * Server actions check their rule themselves, and their origin as the API does: Next's own check compares the
 * Origin's host only and lets a request without one through.
 */
export async function authorizeAction(name: string, params: Record<string, string> = {}): Promise<ActionAccess> {
  if (!isSameOriginHeaders(await headers())) return { ok: false, message: "Cross-site request refused: the Origin header does not match this site." };
  const user = await currentUser();
  const decision = authorize(actionRule(name), user, params);
  return decision.allowed && user ? { ok: true, user } : { ok: false, message: decision.allowed ? "Sign in to continue." : decision.message };
}
