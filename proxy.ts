// Runs before every page and route. It refuses a URL whose path is not valid percent-encoding (Next.js would answer
// a bare 500: decoding the route's params throws), and hands pages the request's path in a header only it sets, from
// which each page finds its access rule (lib/auth/pageAccess.ts).
import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "@/lib/auth/rules";

export function proxy(request: NextRequest): NextResponse {
  for (const segment of request.nextUrl.pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return NextResponse.json({ error: { code: "bad_request", message: "The URL path is not valid percent-encoding." } }, { status: 400 });
    }
  }
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

// Everything but Next's static assets.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"] };
