// What route handlers read off a request besides its body: cookies, the client's address, and whether a browser
// request comes from this site.

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The client's address for the audit trail and sign-in throttling. `next start` sets x-forwarded-for to the peer's
 * address; behind a reverse proxy, that proxy's own entry comes last, so the last entry is the one no client can forge.
 */
export function clientAddress(request: Request): string | null {
  return clientAddressFromHeaders(request.headers);
}

export function clientAddressFromHeaders(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last ? last.slice(0, 100) : null;
}

/** The origin the browser used to reach this app (the Host header, behind a proxy x-forwarded-host). */
export function expectedOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

/**
 * True when a browser says the request comes from this site: Origin equal to ours, or, from a browser that sends no
 * Origin, Sec-Fetch-Site same-origin. A request with neither header is not a browser's, and is refused as well.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin) return origin === expectedOrigin(request);
  return request.headers.get("sec-fetch-site") === "same-origin";
}

/** Whether cookies must be Secure: the public URL when configured (a proxy may speak plain HTTP to Tollgate), else the request. */
export function isHttps(request: Request): boolean {
  const publicUrl = process.env.TOLLGATE_PUBLIC_URL;
  return (publicUrl || expectedOrigin(request)).startsWith("https:");
}
