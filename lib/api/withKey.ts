// The wrapper every API route goes through: authenticates the bearer key, checks its scope, and maps every error
// to a JSON response with a 4xx status (or a bare 500 without internals for a genuine bug).
import { NextResponse } from "next/server";
import { appDatabase, type Database } from "@/lib/db/database";
import { authenticateApiKey, type ApiKeyPrincipal } from "@/lib/auth/keys";
import type { Scope } from "@/lib/contract/vocabulary";
import { ApiError, badRequest } from "./errors";
import { InvalidParameterError, UserFacingError } from "@/lib/errors";

export interface KeyContext<P> {
  request: Request;
  key: ApiKeyPrincipal;
  db: Database;
  params: P;
}

/** What Next passes a route handler; params are typed by the handler that reads them. */
type RouteContext = { params: Promise<unknown> };

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof InvalidParameterError) {
    return errorResponse(badRequest(error.message, [{ path: error.parameter, message: error.message }]));
  }
  if (error instanceof UserFacingError) {
    return errorResponse(new ApiError(error.status, error.status === 409 ? "conflict" : "bad_request", error.message));
  }
  if (error instanceof ApiError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, ...(error.errors ? { errors: error.errors } : {}) } },
      { status: error.status },
    );
  }
  console.error("Unhandled error in API route:", error);
  return NextResponse.json({ error: { code: "internal", message: "Internal error; see the server log." } }, { status: 500 });
}

export function withKey<P = Record<string, never>>(scope: Scope, handler: (context: KeyContext<P>) => Promise<Response>) {
  return async (request: Request, route: RouteContext): Promise<Response> => {
    try {
      const db = appDatabase();
      const header = request.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new ApiError(401, "unauthorized", "Send an API key as `Authorization: Bearer <key>`.");
      const key = await authenticateApiKey(db, match[1]!);
      if (!key) throw new ApiError(401, "unauthorized", "Unknown or revoked API key.");
      if (!key.scopes.has(scope)) throw new ApiError(403, "forbidden", `This API key lacks the "${scope}" scope.`);
      return await handler({ request, key, db, params: (await route.params) as P });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
