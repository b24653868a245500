import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { testActor } from "@/lib/testing/fixtures";
import { setAppDatabase } from "@/lib/db/database";
import { createApiKey } from "@/lib/auth/keys";
import { applyProgram } from "@/lib/program/applyProgram";
import { buildDemoProgram } from "@/lib/demo/program";
import { buildM365Sample } from "@/lib/sources/samples/story";
import { sampleProgram } from "@/lib/sources/samples/files";
import { runJob } from "@/lib/jobs/scheduler";
import { pullStatuses } from "@/lib/sources/pull/status";
import { POST } from "./route";

const END = new Date("2026-11-30T00:00:00Z");
const sample = buildM365Sample({ records: 20, end: END });
const program = sampleProgram(sample);
const CONNECTION = { TOLLGATE_M365_TENANT_ID: "tenant", TOLLGATE_M365_CLIENT_ID: "app", TOLLGATE_M365_CLIENT_SECRET: "s3cret" };

let test: TestDatabase;
let admin: string;

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
  const sources = program.sources.map((s) => (s.key === "purview" ? { ...s, pull: { every: "1h" } } : s));
  await applyProgram(test.db, { ...buildDemoProgram(END), ...program, sources }, testActor);
  admin = (await createApiKey(test.db, { name: "it-admin", scopes: ["admin"] }, testActor)).secret;
});
afterAll(() => test.drop());
afterEach(() => {
  for (const name of Object.keys(CONNECTION)) delete process.env[name];
});

const pull = (key: string) => POST(new Request(`http://localhost/api/v1/sources/${key}/pull`, { method: "POST", headers: { authorization: `Bearer ${admin}` } }), { params: Promise.resolve({ key }) });

describe("POST /api/v1/sources/{key}/pull", () => {
  it("makes the source's pull due now and audits who asked", async () => {
    Object.assign(process.env, CONNECTION);
    // The source's job ran a moment ago, so its next turn is an hour away.
    await runJob(test.db, { name: "pull:purview", everyMs: 3600_000, checkMs: 0, firstDelayMs: 0, run: async () => null });
    const nextTurn = async () => new Date((await pullStatuses(test.db, new Date(), CONNECTION))[0]!.nextRunAt!).getTime();
    expect(await nextTurn()).toBeGreaterThan(Date.now() + 3500_000);
    const answer = await pull("purview");
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ queued: true });
    expect(await nextTurn()).toBeLessThanOrEqual(Date.now());
    const audit = await test.db.prisma.auditRecord.findFirst({ where: { action: "source.pull.requested" } });
    expect(audit).toMatchObject({ target: "purview", actor: "it-admin" });
  });

  it("answers 409 naming what is missing when the connection is not configured", async () => {
    const answer = await pull("purview");
    expect(answer.status).toBe(409);
    expect((await answer.json()).error.message).toMatch(/Not connected: TOLLGATE_M365_TENANT_ID, TOLLGATE_M365_CLIENT_ID, TOLLGATE_M365_CLIENT_SECRET or TOLLGATE_M365_CERTIFICATE_PATH are not set/);
  });

  it("refuses a source Microsoft offers only as a download, an unknown one, and a malformed key", async () => {
    Object.assign(process.env, CONNECTION);
    const sessions = await pull("support-bot");
    expect(sessions.status).toBe(400);
    expect((await sessions.json()).error.message).toMatch(/only as a download/);
    expect((await pull("nope")).status).toBe(400);
    const malformed = await pull("Bad Key");
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(await malformed.json())).toContain("must be a source key");
  });
});
