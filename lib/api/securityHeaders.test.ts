import { describe, expect, it } from "vitest";
import {
  API_CONTENT_SECURITY_POLICY,
  HSTS,
  isApiPath,
  newNonce,
  pageContentSecurityPolicy,
  securityHeaders,
  STATIC_SECURITY_HEADERS,
  type SecurityHeaderOptions,
} from "./securityHeaders";

/** A policy as directive → sources, for comparing without caring about order. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const NONCE = "AAECAwQFBgcICQoLDA0ODw==";
const page = (o: Partial<SecurityHeaderOptions> = {}) => securityHeaders({ pathname: "/", nonce: NONCE, https: false, development: false, ...o });

describe("pageContentSecurityPolicy", () => {
  it("allows only this origin, and scripts only with the request's nonce", () => {
    expect(directives(pageContentSecurityPolicy(NONCE, { development: false }))).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:", "blob:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
  });

  it("allows eval for `next dev` only", () => {
    expect(directives(pageContentSecurityPolicy(NONCE, { development: true }))["script-src"]).toContain("'unsafe-eval'");
    expect(pageContentSecurityPolicy(NONCE, { development: false })).not.toMatch(/unsafe-eval/);
  });

  it.each([["a b"], ["x'; script-src *"], [""], ["nonce;"]])("refuses a nonce that is not base64: %j", (nonce) => {
    expect(() => pageContentSecurityPolicy(nonce, { development: false })).toThrow();
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, new every time, and in the form Next.js reads back from the policy", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of [...nonces].slice(0, 50)) {
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      // The pattern of next/dist/server/app-render/get-script-nonce-from-header.js.
      expect(`'nonce-${nonce}'`).toMatch(/^'nonce-([A-Za-z0-9+/_-]+={0,2})'$/);
    }
  });
});

describe("securityHeaders", () => {
  const staticHeaders = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };

  it("has the fixed headers next.config.ts also sends", () => {
    expect(STATIC_SECURITY_HEADERS).toEqual(staticHeaders);
  });

  it.each<[string, Partial<SecurityHeaderOptions>, Record<string, string | undefined>]>([
    ["a page over HTTP", { pathname: "/" }, { ...staticHeaders, "Content-Security-Policy": pageContentSecurityPolicy(NONCE, { development: false }), "Strict-Transport-Security": undefined }],
    ["a page over HTTPS", { pathname: "/workflows/a", https: true }, { "Content-Security-Policy": pageContentSecurityPolicy(NONCE, { development: false }), "Strict-Transport-Security": HSTS }],
    ["a page under next dev", { pathname: "/", development: true }, { "Content-Security-Policy": pageContentSecurityPolicy(NONCE, { development: true }) }],
    ["an API answer over HTTP", { pathname: "/api/v1/metrics" }, { ...staticHeaders, "Content-Security-Policy": API_CONTENT_SECURITY_POLICY, "Strict-Transport-Security": undefined }],
    ["an API answer over HTTPS", { pathname: "/api/health", https: true }, { "Content-Security-Policy": API_CONTENT_SECURITY_POLICY, "Strict-Transport-Security": HSTS }],
    ["a page whose name starts like the API", { pathname: "/apiary" }, { "Content-Security-Policy": pageContentSecurityPolicy(NONCE, { development: false }) }],
  ])("%s", (_case, options, expected) => {
    const headers = page(options);
    for (const [name, value] of Object.entries(expected)) expect(headers[name], name).toBe(value);
    for (const [name, value] of Object.entries(staticHeaders)) expect(headers[name], name).toBe(value);
  });

  it("gives API answers a policy under which nothing loads, runs or frames them", () => {
    expect(directives(API_CONTENT_SECURITY_POLICY)).toEqual({
      "default-src": ["'none'"],
      "frame-ancestors": ["'none'"],
      "base-uri": ["'none'"],
      "form-action": ["'none'"],
    });
  });

  it.each([
    ["/api", true],
    ["/api/", true],
    ["/api/v1/events", true],
    ["/apis", false],
    ["/", false],
    ["/admin/api", false],
  ])("isApiPath(%j) is %s", (path, expected) => {
    expect(isApiPath(path)).toBe(expected);
  });

  it("sends HSTS with a max-age of at least a year", () => {
    expect(Number(/max-age=(\d+)/.exec(HSTS)?.[1])).toBeGreaterThanOrEqual(31_536_000);
  });
});
