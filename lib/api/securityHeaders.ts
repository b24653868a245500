// The security headers of every answer, built here as plain data so proxy.ts and next.config.ts share one table.
// Pages get a Content-Security-Policy with a fresh nonce per request: Next.js reads the nonce from the request's
// Content-Security-Policy header while rendering and puts it on its own inline and bundle scripts, so only those run.
// API answers (JSON, CSV, PDF attachments) never run scripts, so theirs allows nothing at all.

/** Headers that are the same on every answer: next.config.ts sends them on static assets too. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** One year; sent only on answers to HTTPS requests (a browser ignores it over HTTP anyway). */
export const HSTS = "max-age=31536000";

/** The policy of API answers: nothing may load, run or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** An unguessable nonce for one request: 128 random bits, base64 (what Next.js's nonce pattern accepts). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The pages' policy. Styles allow 'unsafe-inline': Recharts and React `style` attributes need it (a nonce cannot
 * cover style attributes). `next dev` needs 'unsafe-eval' (React rebuilds server error stacks with eval), never a build.
 */
export function pageContentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(nonce)) throw new Error("a CSP nonce must be base64");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export interface SecurityHeaderOptions {
  /** The request's path: answers under /api/ get the API policy. */
  pathname: string;
  /** The page's script nonce (unused for API paths). */
  nonce: string;
  /** The request came over HTTPS (directly or, per x-forwarded-proto, through a reverse proxy). */
  https: boolean;
  /** NODE_ENV is development (`next dev`). */
  development: boolean;
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/** Every security header of one answer. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": isApiPath(options.pathname)
      ? API_CONTENT_SECURITY_POLICY
      : pageContentSecurityPolicy(options.nonce, { development: options.development }),
    ...STATIC_SECURITY_HEADERS,
    ...(options.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
