// Signed-in users for route tests: a user with the given roles and an open session, and requests that carry the
// session cookie, the same Origin and the CSRF token, as the dashboard's own fetches do.
import crypto from "node:crypto";
import type { Database } from "@/lib/db/database";
import type { Role } from "@/lib/contract/vocabulary";
import { createUser } from "@/lib/auth/users";
import { cookieName, createSession, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from "@/lib/auth/sessions";
import { isHttpsHeaders } from "@/lib/http";
import { testActor } from "./fixtures";

export const TEST_ORIGIN = "http://localhost";

export interface TestSession {
  email: string;
  userId: string;
  token: string;
  csrfToken: string;
}

export async function signedInUser(db: Database, roles: Role[], workflows: string[] = []): Promise<TestSession> {
  const email = `${roles.join("-") || "nobody"}-${crypto.randomBytes(4).toString("hex")}@example.com`;
  const user = await createUser(db, { email, roles, workflows }, testActor);
  const opened = await createSession(db, user.id, "password");
  return { email, userId: user.id, token: opened.token, csrfToken: opened.csrfToken };
}

/** A request as the browser sends it for this session (pass `csrf: false` or another `origin` to test refusals). */
export function sessionRequest(
  path: string,
  session: TestSession | null,
  init: { method?: string; body?: unknown; origin?: string | null; csrf?: boolean; headers?: Record<string, string> } = {},
): Request {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { ...init.headers };
  // Over HTTPS (behind a proxy, or with an https TOLLGATE_PUBLIC_URL) the browser holds the cookies under their __Host- names.
  const secure = isHttpsHeaders(new Headers(headers), new URL(`${TEST_ORIGIN}${path}`));
  if (session) headers.cookie = `${cookieName(SESSION_COOKIE, secure)}=${session.token}; ${cookieName(CSRF_COOKIE, secure)}=${session.csrfToken}`;
  if (method !== "GET" && init.origin !== null) headers.origin = init.origin ?? TEST_ORIGIN;
  if (session && method !== "GET" && init.csrf !== false) headers[CSRF_HEADER] = session.csrfToken;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return new Request(`${TEST_ORIGIN}${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
}

/** The second argument Next passes a route handler. */
export const routeParams = <P extends Record<string, string>>(params: P = {} as P) => ({ params: Promise.resolve(params) });
