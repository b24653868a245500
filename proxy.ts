// Runs before every page and route but Next's static assets and the two bulk-body routes (see `config` below). It
// refuses a URL whose path is not valid percent-encoding (Next.js would answer a bare 500: decoding the route's
// params throws), hands pages the request's path in a header only it sets, from which each page finds its access
// rule (lib/auth/pageAccess.ts), and puts the security headers on every answer (lib/api/securityHeaders.ts): pages
// get a Content-Security-Policy with a fresh script nonce, which Next.js reads from the request's own CSP header and
// applies to its scripts while rendering.
import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "@/lib/auth/rules";
import { isHttps } from "@/lib/http";
import { newNonce, securityHeaders } from "@/lib/api/securityHeaders";

export function proxy(request: NextRequest): NextResponse {
  const pathname = request.nextUrl.pathname;
  const security = securityHeaders({
    pathname,
    nonce: newNonce(),
    https: isHttps(request),
    development: process.env.NODE_ENV === "development",
  });
  let response: NextResponse;
  if (!validPercentEncoding(pathname)) {
    response = NextResponse.json({ error: { code: "bad_request", message: "The URL path is not valid percent-encoding." } }, { status: 400 });
  } else {
    const headers = new Headers(request.headers);
    headers.set(PATH_HEADER, pathname + request.nextUrl.search);
    // Next.js takes the nonce for its scripts from the request's Content-Security-Policy header.
    headers.set("Content-Security-Policy", security["Content-Security-Policy"]!);
    response = NextResponse.next({ request: { headers } });
  }
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

function validPercentEncoding(pathname: string): boolean {
  for (const segment of pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return false;
    }
  }
  return true;
}

// Everything but Next's static assets (next.config.ts gives those the headers that need no nonce) and the two routes
// that take bodies in bulk, whose every byte Next.js would copy through a buffer for the proxy (and cut at 10 MB):
// the import upload, which streams its body, and event ingestion, where that copy and the proxy's own work were a
// measured share of each batch's cost (docs/scaling.md). Both set their security headers themselves
// (withSecurityHeaders), and their fixed paths need no percent-encoding check. Prefetches go through too: a
// prefetched page needs its path header for its access check.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|api/v1/imports$|api/v1/events$).*)"] };
