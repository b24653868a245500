// For a route handler proxy.ts does not run on (the import upload and event ingestion: Next.js would copy their
// whole bodies for the proxy): the security headers the proxy would have set, on whatever the handler answers.
import { ApiError } from "@/lib/errors";
import { isHttps, REFUSES_METHOD } from "@/lib/http";
import { securityHeaders } from "./securityHeaders";
import { errorResponse } from "./withAuth";

export function withSecurityHeaders<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const response = await handler(request, context);
    const headers = securityHeaders({ pathname: new URL(request.url).pathname, nonce: "", https: isHttps(request), development: false });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };
}

/**
 * The methods such a route does not serve, each a 405 in the API's error shape with `Allow` and the headers: left
 * to Next.js, its own 405 would go out without them. A route exports the ones it lacks.
 */
export function otherMethods(allowed: readonly string[]) {
  const refuse = withSecurityHeaders(async () =>
    errorResponse(new ApiError(405, "method_not_allowed", `This endpoint answers ${allowed.join(" and ")} only.`, undefined, { Allow: allowed.join(", ") })),
  );
  // Not an endpoint: the route walks (access rules, OpenAPI) pass it over.
  Object.assign(refuse, { [REFUSES_METHOD]: true });
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse };
}

