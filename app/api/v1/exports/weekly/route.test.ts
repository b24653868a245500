import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { testProgram, testActor } from "@/lib/testing/fixtures";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { createApiKey } from "@/lib/auth/keys";
import { defaultGateTemplates } from "@/lib/demo/program";
import { GET } from "./route";

let test: TestDatabase;
let reader: string;

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
  await applyProgram(test.db, { ...testProgram, gates: defaultGateTemplates }, testActor);
  reader = (await createApiKey(test.db, { name: "it", scopes: ["read"] }, testActor)).secret;
});
afterAll(() => test.drop());

const get = (query: string, key = reader) =>
  GET(new Request(`http://x/api/v1/exports/weekly?${query}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) });

describe("GET /api/v1/exports/weekly", () => {
  it("answers CSV, JSON and PDF for a week, as attachments", async () => {
    const csv = await get("week=2026-W40&format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="tollgate-2026-W40.csv"');
    expect(parse(await csv.text(), { columns: true })).toMatchObject([{ week: "2026-W40", workflow: "ticket-triage", cohort: "support-pilot" }]);

    const json = await (await get("week=2026-W40&format=json")).json();
    expect(json).toMatchObject({ schemaVersion: 1, week: "2026-W40", rows: [{ workflow: "ticket-triage" }] });

    const pdf = await get("week=2026-W40&format=pdf");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("exports one rollout when asked for its workflow and cohort", async () => {
    const response = await get("week=2026-W40&format=csv&workflow=ticket-triage&cohort=support-pilot");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="tollgate-2026-W40-ticket-triage-support-pilot.csv"');
    expect(parse(await response.text(), { columns: true })).toHaveLength(1);
  });

  it.each([
    ["week=2026-W40&workflow=ticket-triage", "cohort"],
    ["week=2026-W40&workflow=ticket-triage&cohort=sales-pilot", "workflow"],
    ["week=2026-47", "week"],
    ["week=2999-W01", "week"],
    ["week=2026-W40&format=xlsx", "format"],
    ["format=csv", "week"],
  ])("answers 400 naming the parameter for %s", async (query, parameter) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    expect((await response.json()).error.errors.map((e: { path: string }) => e.path)).toContain(parameter);
  });
});
