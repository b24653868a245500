import type { Actor } from "@/lib/audit/audit";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testProgram, testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { updateChecklistItem } from "@/lib/scorecards/checklist";
import { recordDecision } from "@/lib/scorecards/decisions";
import type { GateTemplateInput } from "@/lib/contract/program";
import { CHECKLIST_ITEMS } from "@/lib/contract/vocabulary";
import type { Database } from "@/lib/db/database";
import { CSV_COLUMNS, neutralizeFormula, weeklyCsv, weeklyJson } from "./csv";
import { resolveWeek, weeklyExport } from "./weekly";

const BOARD: Actor = { type: "user", name: "board@example.com", source: null };

// Berlin leaves daylight saving time on Sunday 25 October 2026, the last day of ISO week 2026-W43.
const TIMEZONE = "Europe/Berlin";
const now = new Date("2026-11-04T12:00:00Z");
const gate: GateTemplateInput = {
  key: "pilot-gate",
  from: "pilot",
  to: "department",
  windowWeeks: 1,
  tiers: ["draft"],
  checklist: ["identity"],
  criteria: [
    { metric: "precision", op: ">=", threshold: 0.4, minSample: 4 },
    { metric: "incidents.policy_violation", op: "<=", threshold: 0 },
  ],
};

async function seed(db: Database) {
  await applyProgram(db, { ...testProgram, rollouts: [...testProgram.rollouts!, { workflow: "crm-enrichment", cohort: "sales-pilot", phase: "pilot" }], gates: [gate] }, testActor);
  const support = { workflow: "ticket-triage", cohort: "support-pilot" };
  const events = [
    // Monday 19 October, the first day of W43 in Berlin (18 Oct 22:30 UTC).
    ...Array.from({ length: 6 }, (_, i) => anEvent("review", { ...support, id: `g-r${i}`, verdict: i < 5 ? "accepted" : "rejected", occurredAt: "2026-10-18T22:30:00Z" })),
    anEvent("output", { ...support, id: "g-o1", taskId: "G1", occurredAt: "2026-10-20T08:00:00Z", actor: "ana" }),
    anEvent("completion", { ...support, id: "g-c1", taskId: "G1", mode: "agent", durationMs: 240_000, occurredAt: "2026-10-20T08:04:00Z" }),
    // 23:30 on Sunday 25 October in Berlin (after the clocks went back, UTC+1): still W43.
    anEvent("output", { ...support, id: "g-o2", taskId: "G2", occurredAt: "2026-10-25T22:30:00Z", actor: "ben" }),
    // 00:30 on Monday 26 October in Berlin: W44, not in the export.
    anEvent("output", { ...support, id: "g-o3", taskId: "G3", occurredAt: "2026-10-25T23:30:00Z" }),
    // A value a spreadsheet would run as a formula never reaches a cell: keys are slugs, names are neutralized.
    anEvent("incident", { workflow: "crm-enrichment", cohort: "sales-pilot", id: "g-i1", category: "policy_violation", severity: 1, occurredAt: "2026-10-21T10:00:00Z" }),
  ];
  expect((await ingestBatch(db, events, { now })).rejected).toEqual([]);
  for (const item of CHECKLIST_ITEMS) await updateChecklistItem(db, "ticket-triage", item, { status: "done" }, testActor, now);
}

describe("resolveWeek", () => {
  it("reads ISO weeks and 'last', and refuses malformed and future weeks naming the parameter", () => {
    expect(resolveWeek("2026-W43", TIMEZONE, now)).toEqual({ week: "2026-W43", from: "2026-10-19", to: "2026-10-26" });
    expect(resolveWeek("last", TIMEZONE, now)).toEqual({ week: "2026-W44", from: "2026-10-26", to: "2026-11-02" });
    expect(resolveWeek("2026-W45", TIMEZONE, now).week).toBe("2026-W45");
    expect(() => resolveWeek("2026-W46", TIMEZONE, now)).toThrow(/future/);
    expect(() => resolveWeek("2026-43", TIMEZONE, now)).toThrow(/ISO week/);
    expect(() => resolveWeek("2027-W53", TIMEZONE, now)).toThrow(/ISO week/);
    // Threw a RangeError from the calendar arithmetic (a 500) before weeks before 1900 were refused.
    expect(() => resolveWeek("0001-W01", TIMEZONE, now)).toThrow(/ISO week/);
  });
});

describe("neutralizeFormula", () => {
  it.each([
    ["=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["Support pilot", "Support pilot"],
  ])("%s → %s", (input, output) => {
    expect(neutralizeFormula(input)).toBe(output);
  });
});

describeEachDatabase(
  "weekly export",
  (database) => {
    beforeAll(async () => seed(database()));

    it("matches the golden CSV for a fixed dataset, in a DST week of a non-UTC zone", async () => {
      const csv = weeklyCsv(await weeklyExport(database(), "2026-W43", { now }));
      const golden = fs.readFileSync(path.join(import.meta.dirname, "__golden__/weekly-2026-W43.csv"), "utf8");
      expect(csv).toBe(golden);
    });

    it("parses back with the same library into the documented columns, with empty cells for undefined values", async () => {
      const report = await weeklyExport(database(), "2026-W43", { now });
      const rows = parse(weeklyCsv(report), { columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0]!)).toEqual(CSV_COLUMNS.map(([name]) => name));
      const support = rows.find((r) => r.cohort === "support-pilot")!;
      expect(support).toMatchObject({ week: "2026-W43", outputs: "2", reviews: "6", precision: String(5 / 6), verdict: "go", baseline_p50_ms: "600000" });
      const crm = rows.find((r) => r.workflow === "crm-enrichment")!;
      expect(crm).toMatchObject({ precision: "", escalation_rate: "", verdict: "", incidents: "1", incidents_severity1: "1" });
      expect(weeklyCsv(report)).not.toMatch(/NaN|null|undefined/);
    });

    it("gives the same rows as JSON, with nested intervals and the template versions used", async () => {
      const json = weeklyJson(await weeklyExport(database(), "2026-W43", { now }));
      expect(json).toMatchObject({ schemaVersion: 1, week: "2026-W43", timezone: TIMEZONE, templates: [{ key: "pilot-gate", version: 1 }] });
      const support = json.rows.find((r) => r.cohort === "support-pilot")!;
      expect(support.metrics.precision).toEqual({ value: 5 / 6, low: expect.any(Number), high: expect.any(Number) });
    });

    it("judges a past week by the phase the rollout had then", async () => {
      await recordDecision(database(), { workflow: "ticket-triage", cohort: "support-pilot", template: "pilot-gate", decision: "go", rationale: "ready", override: "the board accepts a thin week" }, BOARD, now);
      const report = await weeklyExport(database(), "2026-W43", { now });
      expect(report.rows.find((r) => r.cohort === "support-pilot")).toMatchObject({ phase: "pilot", verdict: "go" });
    });
  },
  { timezone: TIMEZONE },
);
