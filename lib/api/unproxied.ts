// For a route handler proxy.ts does not run on (the import upload and event ingestion: Next.js would copy their
// whole bodies for the proxy): the security headers the proxy would have set, on whatever the handler answers.
import { isHttps } from "@/lib/http";
import { securityHeaders } from "./securityHeaders";

export function withSecurityHeaders<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const response = await handler(request, context);
    const headers = securityHeaders({ pathname: new URL(request.url).pathname, nonce: "", https: isHttps(request), development: false });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };
}
