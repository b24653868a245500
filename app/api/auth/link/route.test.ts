import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { setAppDatabase } from "@/lib/db/database";
import { testActor } from "@/lib/testing/fixtures";
import { routeParams, sessionRequest } from "@/lib/testing/sessions";
import { createSignInLink, createUser, peekSignInLink } from "@/lib/auth/users";
import { readSession } from "@/lib/auth/sessions";
import { PEER_HEADER } from "@/lib/http";
import { PUBLIC_AUTH_LIMIT } from "@/lib/api/rateLimit";
import { POST } from "./route";

let test: TestDatabase;
let userId = "";

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
  userId = (await createUser(test.db, { email: "newcomer@example.com", roles: ["viewer"] }, testActor)).id;
});
afterAll(() => test.drop());

const use = (token: string, origin?: string, peer?: string) =>
  POST(sessionRequest("/api/auth/link", null, { method: "POST", body: { token }, origin, headers: peer ? { [PEER_HEADER]: peer } : {} }), routeParams());

describe("POST /api/auth/link", () => {
  it("is not used up by looking at it, signs its user in once, and never again", async () => {
    const { token } = await createSignInLink(test.db, userId, testActor);
    expect(await peekSignInLink(test.db, token)).toEqual({ email: "newcomer@example.com" });
    expect(await peekSignInLink(test.db, token)).toEqual({ email: "newcomer@example.com" });

    const response = await use(token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ redirect: "/account?welcome=1" });
    const session = /tollgate_session=([^;]+)/.exec(response.headers.getSetCookie().join("\n"))![1]!;
    expect((await readSession(test.db, session))?.user.email).toBe("newcomer@example.com");

    const again = await use(token);
    expect(again.status).toBe(400);
    expect((await again.json()).error.errors[0].path).toBe("token");
    expect(await peekSignInLink(test.db, token)).toBeNull();
    const failed = await test.db.prisma.auditRecord.findFirst({ where: { action: "auth.sign_in_failed" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(failed!.after!)).toEqual({ reason: "invalid, used or expired link", method: "link" });
  });

  it("refuses a link posted from another site, leaving it usable", async () => {
    const { token } = await createSignInLink(test.db, userId, testActor);
    expect((await use(token, "https://evil.example.com")).status).toBe(403);
    expect(await peekSignInLink(test.db, token)).toEqual({ email: "newcomer@example.com" });
  });

  it("limits a stranger's requests per address, and counts the refusals into a record or two instead of one each", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const flood = PUBLIC_AUTH_LIMIT.burst + 40;
    const statuses: number[] = [];
    for (let i = 0; i < flood; i++) statuses.push((await use(`guessed-token-${i}`, undefined, "198.51.100.23")).status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(PUBLIC_AUTH_LIMIT.burst);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);
    const limited = await use("one-more", undefined, "198.51.100.23");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Another address is not held back by this one.
    const { token } = await createSignInLink(test.db, userId, testActor);
    expect((await use(token, undefined, "198.51.100.24")).status).toBe(200);
    const records = await test.db.prisma.auditRecord.findMany({ where: { source: "198.51.100.23" }, orderBy: { seq: "asc" } });
    expect(records.map((r) => [r.action, r.count])).toEqual([
      ["auth.sign_in_failed", PUBLIC_AUTH_LIMIT.burst],
      ["auth.rate_limited", 41],
    ]);
  });
});
