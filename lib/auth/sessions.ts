// Database sessions for the dashboard. The browser holds a random token in an http-only, SameSite=Lax cookie; the
// database holds only its SHA-256, so sessions can be listed and revoked (signing out, disabling a user) at once.
import crypto from "node:crypto";
import type { Database } from "@/lib/db/database";
import { deleteSession, insertSession, readSessionAndUser, touchSession } from "@/lib/db/queries/sessionRows";
import { isHttps, readCookie } from "@/lib/http";
import type { UserPrincipal } from "./authorize";
import { ROLES, type Role } from "@/lib/contract/vocabulary";

export const SESSION_COOKIE = "tollgate_session";
/** Readable by the page's script, which sends it back in the x-csrf-token header (double submit). */
export const CSRF_COOKIE = "tollgate_csrf";
export const CSRF_HEADER = "x-csrf-token";

/**
 * A cookie's name as set and read: over HTTPS with the __Host- prefix, which makes the browser keep it only when this
 * host set it itself, Secure, for the whole site, so a sibling subdomain cannot plant a session (fixation) or a CSRF
 * token. Over plain HTTP (a local installation) browsers refuse the prefix, so the plain name is used.
 */
export const cookieName = (name: string, secure: boolean) => (secure ? `__Host-${name}` : name);

/** The session token a request carries, under the name its scheme uses (never the other one). */
export function sessionToken(request: Request): string | undefined {
  return readCookie(request, cookieName(SESSION_COOKIE, isHttps(request)));
}

/** Whether a token a client sent is the expected one, compared in constant time (digests of equal length). */
export function tokensMatch(sent: string | null, expected: string): boolean {
  if (sent === null) return false;
  const digest = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest();
  return crypto.timingSafeEqual(digest(sent), digest(expected));
}

const minutes = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
// The defaults are ASVS level 2's (3.3.2, 3.3.3): the people signed in here approve enterprise rollouts.
/** A session ends after this long without a request (default 30 minutes)… */
export const idleTimeoutMs = () => minutes("TOLLGATE_SESSION_IDLE_MINUTES", 30) * 60_000;
/** …and at the latest this long after sign-in (default 12 hours). */
export const absoluteTimeoutMs = () => minutes("TOLLGATE_SESSION_MAX_MINUTES", 12 * 60) * 60_000;
/** lastSeenAt is written at most this often, so reads do not turn every page view into a write. */
const TOUCH_INTERVAL_MS = 60_000;

export type SignInMethod = "password" | "link" | "oidc";

export const sha256 = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex");

export interface OpenedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(db: Database, userId: string, method: SignInMethod, now = new Date()): Promise<OpenedSession> {
  const token = crypto.randomBytes(32).toString("base64url");
  const csrfToken = crypto.randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + absoluteTimeoutMs());
  await insertSession(db, { id: sha256(token), userId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt, method });
  return { token, csrfToken, expiresAt };
}

export function toUserPrincipal(user: { id: string; email: string; name: string | null; roles: string; workflows: string | null }): UserPrincipal {
  return {
    kind: "user",
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.split(",").filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    workflows: user.workflows ? user.workflows.split(",") : [],
  };
}

export interface ActiveSession {
  user: UserPrincipal;
  csrfToken: string;
}

/** The session behind a cookie token; null when unknown, expired (idle or absolute), or its user is disabled. */
export async function readSession(db: Database, token: string | undefined, now = new Date()): Promise<ActiveSession | null> {
  if (!token || token.length > 200) return null;
  const id = sha256(token);
  const found = await readSessionAndUser(db, id);
  if (!found) return null;
  const { session, user } = found;
  if (session.expiresAt <= now || session.lastSeenAt.getTime() + idleTimeoutMs() <= now.getTime()) {
    await deleteSession(db, id);
    return null;
  }
  if (user.disabledAt) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await touchSession(db, id, now);
  return { user: toUserPrincipal(user), csrfToken: session.csrfToken };
}

export async function endSession(db: Database, token: string | undefined): Promise<void> {
  if (token) await deleteSession(db, sha256(token));
}

export interface CookieToSet {
  name: string;
  value: string;
  options: { httpOnly: boolean; secure: boolean; sameSite: "lax"; path: string; expires: Date };
}

/** The two cookies of a session; `secure` when the app is served over HTTPS (then with the __Host- prefix). */
export function sessionCookies(opened: OpenedSession | null, secure: boolean): CookieToSet[] {
  const expires = opened?.expiresAt ?? new Date(0);
  return [
    { name: cookieName(SESSION_COOKIE, secure), value: opened?.token ?? "", options: { httpOnly: true, secure, sameSite: "lax", path: "/", expires } },
    { name: cookieName(CSRF_COOKIE, secure), value: opened?.csrfToken ?? "", options: { httpOnly: false, secure, sameSite: "lax", path: "/", expires } },
  ];
}
