// The board's decision form, called as Next calls the server action, with the request's headers and cookies: the
// rules table's roles, and a same-origin check of its own, decide whether a decision is recorded.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { testActor, testProgram } from "@/lib/testing/fixtures";
import { signedInUser, type TestSession } from "@/lib/testing/sessions";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { defaultGateTemplates } from "@/lib/demo/program";
import { SESSION_COOKIE } from "@/lib/auth/sessions";

const request = vi.hoisted(() => ({ headers: new Headers(), cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined) }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { recordBoardDecision } = await import("./actions");

const SITE = "http://tollgate.example.com";
let test: TestDatabase;
const sessions: Record<string, TestSession> = {};

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
  await applyProgram(test.db, { ...testProgram, gates: defaultGateTemplates }, testActor);
  sessions.board = await signedInUser(test.db, ["board"]);
  sessions.viewer = await signedInUser(test.db, ["viewer"]);
  sessions.admin = await signedInUser(test.db, ["admin"]);
});
afterAll(() => test.drop());

function decide(session: TestSession | null, origin: string | null) {
  request.headers = new Headers({ host: "tollgate.example.com", ...(origin ? { origin } : {}) });
  request.cookies = new Map(session ? [[SESSION_COOKIE, session.token]] : []);
  const form = new FormData();
  const fields = { workflow: "ticket-triage", cohort: "support-pilot", template: "pilot-to-department", decision: "extend", rationale: "more weeks of evidence", asOf: "2026-11-18" };
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return recordBoardDecision({ status: "idle", message: null, fieldErrors: {}, seq: 0 }, form);
}

const decisions = () => test.db.prisma.decision.count();

describe("recordBoardDecision", () => {
  it.each([
    ["anonymous", null, SITE, /Sign in/],
    ["a viewer", "viewer", SITE, /board role/],
    ["an admin", "admin", SITE, /board role/],
    ["a board member from another site", "board", "http://evil.example.com", /Cross-site/],
    ["a board member sending no Origin", "board", null, /Cross-site/],
  ] as const)("records nothing for %s", async (_case, who, origin, message) => {
    const before = await decisions();
    const answer = await decide(who ? sessions[who]! : null, origin);
    expect(answer).toMatchObject({ status: "error", seq: 1 });
    expect(answer.message).toMatch(message);
    expect(await decisions()).toBe(before);
  });

  it("records a board member's decision from this site, audited under their name", async () => {
    const before = await decisions();
    const answer = await decide(sessions.board!, SITE);
    expect(answer).toMatchObject({ status: "ok", message: "Decision recorded." });
    expect(await decisions()).toBe(before + 1);
    const audit = await test.db.prisma.auditRecord.findFirst({ where: { action: "decision.record" }, orderBy: { seq: "desc" } });
    expect(audit).toMatchObject({ actorType: "user", actor: sessions.board!.email });
    // The form's asOf (a stale page, or a forged field) is ignored: the decision is judged on today's scorecard.
    const decision = await test.db.prisma.decision.findFirst({ orderBy: { decidedAt: "desc" } });
    expect(JSON.parse(decision!.snapshot).asOf).toBe(new Date().toISOString().slice(0, 10));
  });
});
