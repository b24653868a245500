// The wrapper every API route goes through. It finds the route's rule (lib/auth/rules.ts) by the request's method
// and path, identifies the caller (an API key in the Authorization header, else the session cookie), decides with
// authorize(), refuses a browser state change without its CSRF token or from another origin, limits ingestion per
// key and the public sign-in routes per client address, and maps every error to a JSON response: 4xx with a
// message, or a bare 500 that never carries internals.
import { NextResponse } from "next/server";
import { appDatabase, type Database } from "@/lib/db/database";
import { authenticateApiKey, recordRefusedKey } from "@/lib/auth/keys";
import { authorize, type KeyPrincipal, type Principal, type UserPrincipal } from "@/lib/auth/authorize";
import { matchRule } from "@/lib/auth/rules";
import { CSRF_HEADER, readSession, sessionToken, tokensMatch } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/audit/audit";
import { ApiError, badRequest, InvalidParameterError, ThrottledError, UserFacingError } from "@/lib/errors";
import { addressGroup, clientAddress, isSameOrigin } from "@/lib/http";
import { ingestRateLimit, PUBLIC_AUTH_LIMIT, takeRequest } from "./rateLimit";
import { recordRefusal } from "@/lib/audit/audit";

export interface AuthContext<P> {
  request: Request;
  db: Database;
  /** Null only on public routes. */
  principal: Principal | null;
  /** Who the audit trail names for what this request changes. */
  actor: Actor;
  params: P;
}

/** What Next passes a route handler; params are typed by the handler that reads them. */
type RouteContext = { params: Promise<unknown> };

export function errorResponse(error: unknown): NextResponse {
  // First: an ApiError is a UserFacingError too, one that already says its code, field errors and headers.
  if (error instanceof ApiError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, ...(error.errors ? { errors: error.errors } : {}) } },
      { status: error.status, headers: error.headers },
    );
  }
  if (error instanceof InvalidParameterError) {
    return errorResponse(badRequest(error.message, [{ path: error.parameter, message: error.message }]));
  }
  if (error instanceof ThrottledError) {
    return errorResponse(new ApiError(429, "throttled", error.message, undefined, { "Retry-After": String(error.retryAfterSeconds) }));
  }
  if (error instanceof UserFacingError) {
    return errorResponse(new ApiError(error.status, error.status === 409 ? "conflict" : "bad_request", error.message));
  }
  console.error("Unhandled error in API route:", error);
  return NextResponse.json({ error: { code: "internal", message: "Internal error; see the server log." } }, { status: 500 });
}

async function identify(db: Database, request: Request): Promise<{ principal: Principal | null; csrfToken: string | null }> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new ApiError(401, "unauthorized", "Send an API key as `Authorization: Bearer <key>`.");
    const key = await authenticateApiKey(db, match[1]!);
    if (!key) {
      await recordRefusedKey(db, match[1]!, clientAddress(request));
      throw new ApiError(401, "unauthorized", "Unknown or revoked API key.");
    }
    return { principal: key, csrfToken: null };
  }
  const session = await readSession(db, sessionToken(request));
  return session ? { principal: session.user, csrfToken: session.csrfToken } : { principal: null, csrfToken: null };
}

export function actorOf(principal: Principal | null, request: Request): Actor {
  const source = clientAddress(request);
  if (!principal) return { type: "anonymous", name: "anonymous", source };
  return principal.kind === "key" ? { type: "key", name: principal.name, source } : { type: "user", name: principal.email, source };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state change from a browser must come from this app's own pages: from the same origin (which also stops login
 * CSRF on the public sign-in route) and, with a session, carrying the session's CSRF token.
 */
function checkCsrf(request: Request, csrfToken: string | null): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (!isSameOrigin(request)) throw new ApiError(403, "csrf", "Cross-site request refused: the Origin header does not match this site.");
  if (csrfToken !== null && !tokensMatch(request.headers.get(CSRF_HEADER), csrfToken)) {
    throw new ApiError(403, "csrf", `Missing or wrong ${CSRF_HEADER} header: send the value of the tollgate_csrf cookie.`);
  }
}

export function withAuth<P = Record<string, never>>(handler: (context: AuthContext<P>) => Promise<Response>) {
  return async (request: Request, route: RouteContext): Promise<Response> => {
    try {
      const rule = matchRule(request.method, new URL(request.url).pathname);
      // No rule, no access: a route must be listed in lib/auth/rules.ts to answer at all.
      if (!rule) throw new ApiError(404, "not_found", "No such route.");
      const db = appDatabase();
      if ("public" in rule.access && rule.access.perAddressLimit) await limitPerAddress(db, request, rule.rule);
      const { principal, csrfToken } = "public" in rule.access ? await identifyQuietly(db, request) : await identify(db, request);
      const decision = authorize(rule.access, principal, rule.params);
      if (!decision.allowed) throw new ApiError(decision.status, decision.code, decision.message);
      if (principal?.kind !== "key") checkCsrf(request, "public" in rule.access ? null : csrfToken);
      const ingestLimit = principal?.kind === "key" && "key" in rule.access && rule.access.key === "ingest" ? ingestRateLimit() : null;
      if (ingestLimit) {
        const wait = await takeRequest(db, `ingest ${principal!.id}`, ingestLimit);
        if (wait > 0) {
          throw new ApiError(429, "rate_limited", `Too many requests for this API key; retry in ${wait} s.`, undefined, { "Retry-After": String(wait) });
        }
      }
      return await handler({ request, db, principal, actor: actorOf(principal, request), params: (await route.params) as P });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A stranger's requests to a public sign-in route, per client address; refusals are counted into the audit trail. */
async function limitPerAddress(db: Database, request: Request, rule: string): Promise<void> {
  const source = clientAddress(request);
  const wait = await takeRequest(db, `public ${addressGroup(source)}`, PUBLIC_AUTH_LIMIT);
  if (wait === 0) return;
  await recordRefusal(db, source, { action: "auth.rate_limited", target: rule });
  throw new ApiError(429, "rate_limited", `Too many sign-in requests from your address; retry in ${wait} s.`, undefined, { "Retry-After": String(wait) });
}

/** On public routes a bad or stale credential is no reason to refuse: the caller is just anonymous. */
async function identifyQuietly(db: Database, request: Request) {
  try {
    return await identify(db, request);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { principal: null, csrfToken: null };
    throw error;
  }
}

export function requireUser(principal: Principal | null): UserPrincipal {
  if (principal?.kind !== "user") throw new ApiError(401, "unauthorized", "Sign in to continue.");
  return principal;
}

export function requireKey(principal: Principal | null): KeyPrincipal {
  if (principal?.kind !== "key") throw new ApiError(401, "unauthorized", "Send an API key as `Authorization: Bearer <key>`.");
  return principal;
}
