// proxy() is a plain function: called here with NextRequests as Next.js would. NextResponse.next({ request }) hands
// the changed request headers on as x-middleware-request-* headers of its answer, which is what Next.js forwards.
import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { proxy, config } from "@/proxy";
import { PATH_HEADER } from "@/lib/auth/rules";
import { API_CONTENT_SECURITY_POLICY, HSTS, STATIC_SECURITY_HEADERS } from "./securityHeaders";

const forwarded = (response: Response, name: string) => response.headers.get(`x-middleware-request-${name.toLowerCase()}`);
const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? "")?.[1];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("proxy", () => {
  it("gives a page a CSP with a fresh nonce, and hands Next.js the same policy on the request", () => {
    const first = proxy(new NextRequest("http://localhost/workflows/ticket-triage?from=2026-01-01"));
    const second = proxy(new NextRequest("http://localhost/workflows/ticket-triage?from=2026-01-01"));
    const policy = first.headers.get("content-security-policy");
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}' 'strict-dynamic'(;|$)/);
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(forwarded(first, "content-security-policy")).toBe(policy);
    expect(nonceOf(policy)).toBeDefined();
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonceOf(policy));
  });

  it("keeps handing pages their path (query included) in the path header, replacing any incoming copy", () => {
    const response = proxy(new NextRequest("http://localhost/scorecards/a/b?asOf=2026-01-01", { headers: { [PATH_HEADER]: "/sign-in" } }));
    expect(forwarded(response, PATH_HEADER)).toBe("/scorecards/a/b?asOf=2026-01-01");
  });

  it("replaces a Content-Security-Policy request header a client sent (its nonce must never reach the page)", () => {
    const response = proxy(new NextRequest("http://localhost/", { headers: { "content-security-policy": "script-src 'nonce-chosenbyattacker'" } }));
    expect(forwarded(response, "content-security-policy")).toBe(response.headers.get("content-security-policy"));
    expect(forwarded(response, "content-security-policy")).not.toMatch(/chosenbyattacker/);
  });

  it.each(["/", "/sign-in", "/api/health", "/api/v1/events", "/no-such-page"])("puts the fixed security headers on %s", (path) => {
    const response = proxy(new NextRequest(`http://localhost${path}`));
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value);
    expect(response.headers.get("content-security-policy")).toBeTruthy();
  });

  it("gives API routes the policy that allows nothing", () => {
    expect(proxy(new NextRequest("http://localhost/api/v1/metrics?workflow=a")).headers.get("content-security-policy")).toBe(API_CONTENT_SECURITY_POLICY);
  });

  it.each([
    ["plain HTTP", "http://localhost/", {}, null],
    ["HTTPS", "https://tollgate.example.com/", {}, HSTS],
    ["HTTPS at a reverse proxy (x-forwarded-proto)", "http://127.0.0.1:3000/", { "x-forwarded-proto": "https" }, HSTS],
    ["HTTP at a reverse proxy", "http://127.0.0.1:3000/api/health", { "x-forwarded-proto": "http" }, null],
  ])("Strict-Transport-Security over %s", (_case, url, headers, expected) => {
    vi.stubEnv("TOLLGATE_PUBLIC_URL", "");
    expect(proxy(new NextRequest(url, { headers })).headers.get("strict-transport-security")).toBe(expected);
  });

  it("allows eval in development only", () => {
    vi.stubEnv("NODE_ENV", "production");
    expect(proxy(new NextRequest("http://localhost/")).headers.get("content-security-policy")).not.toMatch(/unsafe-eval/);
    vi.stubEnv("NODE_ENV", "development");
    expect(proxy(new NextRequest("http://localhost/")).headers.get("content-security-policy")).toMatch(/'unsafe-eval'/);
  });

  it.each(["/workflows/%E0%A4%A", "/api/v1/workflows/%ZZ/checklist/identity", "/scorecards/%/x"])(
    "refuses a path that is not valid percent-encoding (%s) with a JSON 400 that carries the headers too",
    async (path) => {
      const response = proxy(new NextRequest(`http://localhost${path}`));
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toBeTruthy();
      expect(forwarded(response, PATH_HEADER)).toBeNull();
    },
  );

  it("matches every path but Next's static assets and the two bulk-body routes", () => {
    const [pattern] = config.matcher;
    const matches = (path: string) => new RegExp(`^${pattern}$`).test(path);
    for (const path of ["/", "/sign-in", "/api/v1/events/x", "/api/health", "/workflows/a/cohorts", "/_next/data/x.json"]) expect(matches(path), path).toBe(true);
    for (const path of ["/_next/static/chunks/a.js", "/_next/image", "/favicon.ico", "/icon.svg", "/api/v1/imports", "/api/v1/events"]) expect(matches(path), path).toBe(false);
    expect(matches("/api/v1/imports/x"), "only the upload route itself").toBe(true);
  });
});
