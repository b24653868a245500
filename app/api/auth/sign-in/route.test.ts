import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { setAppDatabase } from "@/lib/db/database";
import { testActor } from "@/lib/testing/fixtures";
import { routeParams, sessionRequest } from "@/lib/testing/sessions";
import { createUser } from "@/lib/auth/users";
import { readSession } from "@/lib/auth/sessions";
import { safeNext } from "@/lib/auth/signIn";
import { POST } from "./route";
import { POST as signOut } from "../sign-out/route";

let test: TestDatabase;
const PASSWORD = "a long enough password";

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
  await createUser(test.db, { email: "ann@example.com", roles: ["viewer"] }, testActor, { password: PASSWORD });
  await createUser(test.db, { email: "throttled@example.com", roles: ["viewer"] }, testActor, { password: PASSWORD });
});
afterAll(() => test.drop());

const signIn = (body: unknown, origin?: string | null) => POST(sessionRequest("/api/auth/sign-in", null, { method: "POST", body, origin }), routeParams());

function cookies(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.getSetCookie().map((c) => [c.slice(0, c.indexOf("=")), c]));
}

describe("POST /api/auth/sign-in", () => {
  it("opens a session: http-only SameSite=Lax session cookie, a readable CSRF cookie, and the way on", async () => {
    const response = await signIn({ email: "Ann@Example.com", password: PASSWORD, next: "/workflows/ticket-triage" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ redirect: "/workflows/ticket-triage" });
    const set = cookies(response);
    expect(set.tollgate_session).toMatch(/HttpOnly/i);
    expect(set.tollgate_session).toMatch(/SameSite=lax/i);
    expect(set.tollgate_session).toMatch(/Path=\//);
    expect(set.tollgate_session).not.toMatch(/Secure/i);
    expect(set.tollgate_csrf).not.toMatch(/HttpOnly/i);
    const token = /tollgate_session=([^;]+)/.exec(set.tollgate_session!)![1]!;
    expect((await readSession(test.db, token))?.user.email).toBe("ann@example.com");
    const audit = await test.db.prisma.auditRecord.findFirst({ where: { action: "auth.sign_in", target: "ann@example.com" } });
    expect(JSON.parse(audit!.after!)).toEqual({ method: "password" });
  });

  it("names the cookies __Host- and marks them Secure behind HTTPS, and reads the session only under that name there", async () => {
    const https = { "x-forwarded-proto": "https", "x-forwarded-host": "tollgate.example.com" };
    const request = sessionRequest("/api/auth/sign-in", null, {
      method: "POST",
      body: { email: "ann@example.com", password: PASSWORD },
      origin: "https://tollgate.example.com",
      headers: https,
    });
    const response = await POST(request, routeParams());
    expect(response.status).toBe(200);
    const set = cookies(response);
    expect(Object.keys(set).sort()).toEqual(["__Host-tollgate_csrf", "__Host-tollgate_session"]);
    for (const cookie of Object.values(set)) {
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*Path=\/(;|$)/);
      expect(cookie).not.toMatch(/Domain=/i);
    }
    const token = /__Host-tollgate_session=([^;]+)/.exec(set["__Host-tollgate_session"]!)![1]!;
    // A session cookie without the prefix (one a sibling subdomain could have planted) signs nobody in over HTTPS.
    const whoAmI = (cookie: string) => signOut(new Request("https://tollgate.example.com/api/auth/sign-out", { method: "POST", headers: { ...https, cookie, origin: "https://tollgate.example.com" } }), routeParams());
    expect((await whoAmI(`tollgate_session=${token}`)).status).toBe(401);
    expect(await readSession(test.db, token)).not.toBeNull();
  });

  it("answers a wrong password with 401 and no cookie", async () => {
    const response = await signIn({ email: "ann@example.com", password: "wrong" });
    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toBe("Wrong email or password.");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("throttles the failing email and address with 429 and Retry-After after repeated failures", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn({ email: "throttled@example.com", password: "wrong" })).status).toBe(401);
    const response = await signIn({ email: "throttled@example.com", password: PASSWORD });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(25);
    expect(Number(response.headers.get("retry-after"))).toBeLessThanOrEqual(30);
    expect((await response.json()).error.message).toMatch(/try again in 1 minute/);
  });

  it.each([
    ["a missing email", { password: "x" }, "email"],
    ["a malformed email", { email: "not-an-email", password: "x" }, "email"],
    ["an unknown field", { email: "ann@example.com", password: "x", admin: true }, "admin"],
  ])("answers %s with 400 naming the field", async (_case, body, path) => {
    const response = await signIn(body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.errors[0].path).toBe(path);
  });

  it("refuses a sign-in posted from another site (login CSRF) or with no Origin at all", async () => {
    expect((await signIn({ email: "ann@example.com", password: PASSWORD }, "https://evil.example.com")).status).toBe(403);
    expect((await signIn({ email: "ann@example.com", password: PASSWORD }, null)).status).toBe(403);
  });

  it("sign-out ends the session and clears the cookies", async () => {
    const response = await signIn({ email: "ann@example.com", password: PASSWORD });
    const token = /tollgate_session=([^;]+)/.exec(cookies(response).tollgate_session!)![1]!;
    const csrfToken = /tollgate_csrf=([^;]+)/.exec(cookies(response).tollgate_csrf!)![1]!;
    const out = await signOut(sessionRequest("/api/auth/sign-out", { email: "", userId: "", token, csrfToken }, { method: "POST" }), routeParams());
    expect(out.status).toBe(200);
    expect(cookies(out).tollgate_session).toMatch(/tollgate_session=;/);
    expect(await readSession(test.db, token)).toBeNull();
  });
});

describe("safeNext", () => {
  it.each([
    [undefined, "/"],
    ["/workflows/a?x=1", "/workflows/a?x=1"],
    ["https://evil.example.com/", "/"],
    ["//evil.example.com", "/"],
    ["/\\evil.example.com", "/"],
    ["/api/v1/users", "/"],
    ["javascript:alert(1)", "/"],
    ["", "/"],
    ["/a\nb", "/"],
    ["/" + "x".repeat(2001), "/"],
  ])("%s → %s", (next, expected) => expect(safeNext(next)).toBe(expected));
});
