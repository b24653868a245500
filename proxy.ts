// Next.js answers a URL whose dynamic path segment is not valid percent-encoding (/api/v1/workflows/%E0%A4%A/…)
// with a bare "500 Internal Server Error": decoding the route's params throws, and its fallback looks for a /400
// page the App Router does not have. Such a URL is the client's error: refuse it first, with the API's JSON error.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest): NextResponse {
  for (const segment of request.nextUrl.pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return NextResponse.json({ error: { code: "bad_request", message: "The URL path is not valid percent-encoding." } }, { status: 400 });
    }
  }
  return NextResponse.next();
}

// Only the routes with dynamic segments decode the path.
export const config = { matcher: ["/api/v1/workflows/:path+", "/workflows/:path+", "/scorecards/:path+"] };
