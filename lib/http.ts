// What Tollgate reads off an HTTP request besides its body: cookies, the client's address, the origin, whether a
// browser request comes from this site and whether cookies must be Secure. Neutral ground: it imports nothing of
// Tollgate's, so the route wrapper (lib/api), sign-in and page access (lib/auth), proxy.ts and handlers all share it.
import { isIPv4, isIPv6 } from "node:net";

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

/** Set by bin/peer-address.mjs in the server `tollgate start` runs: the address that opened the connection. */
export const PEER_HEADER = "x-tollgate-peer";

/**
 * The client's address for the audit trail and sign-in throttling. With Tollgate reached directly, the connection's
 * peer. Behind TOLLGATE_TRUSTED_PROXIES reverse proxies (each appending the address it received from to
 * x-forwarded-for), the entry that many hops back: everything further left is the client's own say and is ignored.
 */
export function clientAddress(request: Request): string | null {
  return clientAddressFromHeaders(request.headers);
}

export function clientAddressFromHeaders(headers: Headers, trustedProxies = Number(process.env.TOLLGATE_TRUSTED_PROXIES ?? 0)): string | null {
  const peer = headers.get(PEER_HEADER);
  if (!peer) return null;
  const hops = Number.isInteger(trustedProxies) && trustedProxies > 0 ? trustedProxies : 0;
  const chain = [...(headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean), peer];
  return (chain[Math.max(0, chain.length - 1 - hops)] ?? peer).slice(0, 100);
}

/**
 * The unit per-address limits count by: an IPv4 address itself, an IPv6 address's /64 network (one subscriber, one
 * attacker, gets a whole /64 and can use every address in it), "unknown" without an address.
 */
export function addressGroup(address: string | null): string {
  if (!address) return "unknown";
  const plain = address.replace(/%.*$/, "").replace(/^\[|\]$/g, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped) return mapped[1]!;
  if (isIPv4(plain)) return plain;
  if (!isIPv6(plain)) return plain;
  const [head = "", tail = ""] = plain.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail stands for two groups.
  const width = (parts: string[]) => parts.length + (parts.at(-1)?.includes(".") ? 1 : 0);
  const groups = plain.includes("::") ? [...left, ...Array<string>(Math.max(0, 8 - width(left) - width(right))).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** The origin the browser used to reach this app (the Host header, behind a proxy x-forwarded-host). */
export function expectedOrigin(request: Request): string {
  return originOf(request.headers, new URL(request.url));
}

function originOf(headers: Headers, url?: URL): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? url?.host ?? "";
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? url?.protocol.replace(":", "") ?? "http";
  return `${proto}://${host}`;
}

/** The origin of TOLLGATE_PUBLIC_URL, when set: behind a proxy that rewrites Host, the one the browser really used. */
function publicOrigin(): string | null {
  const publicUrl = process.env.TOLLGATE_PUBLIC_URL;
  if (!publicUrl) return null;
  try {
    return new URL(publicUrl).origin;
  } catch {
    return null;
  }
}

/**
 * True when a browser says the request comes from this site: Origin equal to ours (TOLLGATE_PUBLIC_URL's or the
 * one the request reached), or, from a browser that sends no Origin, Sec-Fetch-Site same-origin. A request with
 * neither header is not a browser's, and is refused as well.
 */
export function isSameOrigin(request: Request): boolean {
  return isSameOriginHeaders(request.headers, new URL(request.url));
}

/** isSameOrigin for a server action, which sees the request's headers only. */
export function isSameOriginHeaders(headers: Headers, url?: URL): boolean {
  const origin = headers.get("origin");
  if (origin) return origin === publicOrigin() || origin === originOf(headers, url);
  return headers.get("sec-fetch-site") === "same-origin";
}

/** Whether cookies must be Secure: the public URL when configured (a proxy may speak plain HTTP to Tollgate), else the request. */
export function isHttps(request: Request): boolean {
  return isHttpsHeaders(request.headers, new URL(request.url));
}

/** isHttps for a page or server action, which sees the request's headers only. */
export function isHttpsHeaders(headers: Headers, url?: URL): boolean {
  return (process.env.TOLLGATE_PUBLIC_URL || originOf(headers, url)).startsWith("https:");
}

/** Marks a route export that only answers 405 (lib/api/unproxied.ts otherMethods): not an endpoint of its own. */
export const REFUSES_METHOD = Symbol.for("tollgate.refusesMethod");
