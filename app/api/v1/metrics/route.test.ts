import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { anEvent, testProgram, testActor } from "@/lib/testing/fixtures";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { createApiKey } from "@/lib/auth/keys";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { GET as metrics } from "./route";
import { GET as cohorts } from "../cohorts/route";
import { GET as workflows } from "../workflows/route";

let test: TestDatabase;
let reader: string;
let ingestOnly: string;

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
  await applyProgram(test.db, testProgram, testActor);
  reader = (await createApiKey(test.db, { name: "reader", scopes: ["read"] }, testActor)).secret;
  ingestOnly = (await createApiKey(test.db, { name: "agent", scopes: ["ingest"] }, testActor)).secret;
  // Sunday 1 and Monday 2 November: two ISO weeks.
  await ingestBatch(
    test.db,
    [
      anEvent("review", { verdict: "accepted", occurredAt: "2026-11-01T12:00:00Z" }),
      anEvent("review", { verdict: "rejected", occurredAt: "2026-11-02T12:00:00Z" }),
      anEvent("review", { verdict: "light_edit", occurredAt: "2026-11-02T13:00:00Z" }),
    ],
    { now: new Date("2026-11-03T00:00:00Z") },
  );
});
afterAll(() => test.drop());

type Handler = (request: Request, context: { params: Promise<Record<string, never>> }) => Promise<Response>;
const PATHS = new Map<Handler, string>([
  [metrics, "/api/v1/metrics"],
  [cohorts, "/api/v1/cohorts"],
  [workflows, "/api/v1/workflows"],
]);
const get = (handler: Handler, query: string, key = reader) =>
  handler(new Request(`http://localhost${PATHS.get(handler)}?${query}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) });

describe("GET /api/v1/metrics", () => {
  it("answers a weekly series in the contract's shape", async () => {
    const response = await get(metrics, "workflow=ticket-triage&cohort=support-pilot&from=2026-10-26&to=2026-11-09&granularity=week");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ workflow: "ticket-triage", cohort: "support-pilot", timezone: "UTC", granularity: "week" });
    expect(body.series.map((p: { periodStart: string; reviews: number }) => [p.periodStart, p.reviews])).toEqual([
      ["2026-10-26", 1],
      ["2026-11-02", 2],
    ]);
    expect(body.series[1].precision.value).toBe(0.5);
    expect(Object.keys(body.series[0].precision)).toEqual(["value", "low", "high"]);
    expect(body.baseline).toEqual({ source: "configured", p50: 600000, n: null });
    expect(body.cycleTimeReduction).toEqual({ value: null, low: null, high: null });
  });

  it.each([
    ["workflow=ticket-triage&to=2026-11-09", "from"],
    ["workflow=ticket-triage&from=2026-11-09&to=2026-11-02", "to"],
    ["workflow=ticket-triage&from=2026-11-02&to=2026-11-09&granularity=month", "granularity"],
    ["workflow=ticket-triage&from=2026-13-01&to=2027-01-09", "from"],
    ["workflow=ghost-flow&from=2026-11-02&to=2026-11-09", "workflow"],
    ["workflow=ticket-triage&cohort=ghost&from=2026-11-02&to=2026-11-09", "cohort"],
    ["workflow=ticket-triage&from=2020-01-01&to=2026-11-09", "to"],
    ["workflow=ticket-triage&from=2026-11-02&to=2026-11-09&colour=red", "colour"],
  ])("answers 400 naming the parameter for %s", async (query, parameter) => {
    const response = await get(metrics, query);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.errors.map((e: { path: string }) => e.path)).toContain(parameter);
  });

  it("needs the read scope", async () => {
    expect((await get(metrics, "workflow=ticket-triage&from=2026-11-02&to=2026-11-09", ingestOnly)).status).toBe(403);
  });
});

describe("GET /api/v1/cohorts and /api/v1/workflows", () => {
  it("compares the workflow's cohorts and lists the registry with phases", async () => {
    const response = await get(cohorts, "workflow=ticket-triage&from=2026-10-26&to=2026-11-09");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.cohorts.map((c: { cohort: string; phase: string; totals: { reviews: number } }) => [c.cohort, c.phase, c.totals.reviews])).toEqual([
      ["support-pilot", "pilot", 3],
    ]);
    const registry = await (await get(workflows, "")).json();
    expect(registry.workflows.find((w: { key: string }) => w.key === "ticket-triage").rollouts).toMatchObject([{ cohort: "support-pilot", phase: "pilot" }]);
  });
});
