import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { setAppDatabase } from "@/lib/db/database";
import { testActor } from "@/lib/testing/fixtures";
import { routeParams, sessionRequest } from "@/lib/testing/sessions";
import { createSignInLink, createUser, peekSignInLink } from "@/lib/auth/users";
import { readSession } from "@/lib/auth/sessions";
import { POST } from "./route";

let test: TestDatabase;
let userId = "";

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
  userId = (await createUser(test.db, { email: "newcomer@example.com", roles: ["viewer"] }, testActor)).id;
});
afterAll(() => test.drop());

const use = (token: string, origin?: string) => POST(sessionRequest("/api/auth/link", null, { method: "POST", body: { token }, origin }), routeParams());

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
});
