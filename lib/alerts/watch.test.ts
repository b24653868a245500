import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testActor } from "@/lib/testing/fixtures";
import { alertProgram, storedAlerts } from "@/lib/testing/alerts";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import type { Database } from "@/lib/db/database";
import { checkQuietWorkflows, reevaluateScorecards } from "./watch";

// Wednesday of ISO week 2026-W47: the scorecard window is the two weeks [2026-11-02, 2026-11-16).
const wednesday = new Date("2026-11-18T12:00:00Z");
const later = (minutes: number) => new Date(wednesday.getTime() + minutes * 60_000);

async function ingest(db: Database, events: unknown[]) {
  const result = await ingestBatch(db, events, { now: wednesday });
  expect(result.rejected).toEqual([]);
}

/** Reviews by one agent version, a minute apart from `start`. */
const reviews = (n: number, verdict: string, agentVersion: string, start = "2026-11-03T09:00:00Z") =>
  Array.from({ length: n }, (_, i) => anEvent("review", { verdict, agentVersion, occurredAt: new Date(Date.parse(start) + i * 60_000).toISOString() }));

const alertsOf = async (db: Database, trigger: string) => (await storedAlerts(db)).filter(([t]) => t === trigger);

describeEachDatabase("re-evaluated scorecards", (database) => {
  beforeAll(async () => {
    await applyProgram(database(), alertProgram, testActor);
  });

  it("alert verdict.changed once per change: nothing on the first look, nothing without new events, once when the verdict moves", async () => {
    const db = database();
    await ingest(db, reviews(30, "accepted", "1.0"));
    expect(await reevaluateScorecards(db, wednesday)).toEqual({ evaluated: 1, alerts: 0 });
    expect(await reevaluateScorecards(db, later(15))).toEqual({ evaluated: 0, alerts: 0 });

    await ingest(db, [anEvent("incident", { category: "policy_violation", severity: 2, occurredAt: "2026-11-10T09:00:00Z" })]);
    expect(await reevaluateScorecards(db, later(30))).toEqual({ evaluated: 1, alerts: 1 });
    // New events that leave the verdict as it is: evaluated, no alert.
    await ingest(db, [anEvent("output", { occurredAt: "2026-11-18T09:00:00Z" })]);
    expect(await reevaluateScorecards(db, later(45))).toEqual({ evaluated: 1, alerts: 0 });

    const [alert] = await db.prisma.alert.findMany({ where: { trigger: "verdict.changed" } });
    expect(alert).toMatchObject({ channel: "ops-teams", cause: "verdict.changed:ticket-triage:support-pilot:1" });
    expect(JSON.parse(alert!.payload).data).toMatchObject({ from: "go", to: "no_go", phase: "pilot", template: "pilot-gate" });
  });

  it("re-evaluate every rollout when a new week begins, and alert drift.regression once per regression", async () => {
    const db = database();
    // A newer agent version much worse than the one before it, in next week's window [2026-11-09, 2026-11-23).
    await ingest(db, [...reviews(60, "accepted", "2.0", "2026-11-11T09:00:00Z"), ...reviews(60, "rejected", "2.1", "2026-11-12T09:00:00Z")]);
    const nextWeek = new Date("2026-11-23T08:00:00Z");
    const first = await reevaluateScorecards(db, nextWeek);
    expect(first.evaluated).toBe(1);
    expect(await alertsOf(db, "drift.regression")).toEqual([
      ["drift.regression", "ops-teams", "drift.regression:ticket-triage:support-pilot:precision:2.1:2.0"],
      ["drift.regression", "ops-teams", "drift.regression:ticket-triage:support-pilot:correctionRate:2.1:2.0"],
    ].sort((a, b) => a[2]!.localeCompare(b[2]!)));
    await ingest(db, [anEvent("output", { occurredAt: "2026-11-17T09:00:00Z" })]);
    expect(await reevaluateScorecards(db, new Date("2026-11-23T09:00:00Z"))).toMatchObject({ evaluated: 1, alerts: 0 });
    expect(await alertsOf(db, "drift.regression")).toHaveLength(2);
  });
});

describeEachDatabase("quiet workflows", (database) => {
  beforeAll(async () => {
    await applyProgram(database(), alertProgram, testActor);
  });

  it("alert a steady workflow once when it has been quiet for quietHours, and a gap or a short silence not at all", async () => {
    const db = database();
    const days = (workflow: string, cohort: string, n: number) =>
      Array.from({ length: n }, (_, i) => anEvent("output", { workflow, cohort, occurredAt: new Date(Date.parse("2026-11-11T15:00:00Z") - i * 86_400_000).toISOString() }));
    await ingest(db, [...days("ticket-triage", "support-pilot", 7), ...days("crm-enrichment", "sales-pilot", 6)]);

    expect(await checkQuietWorkflows(db, new Date("2026-11-12T14:00:00Z"))).toBe(0);
    expect(await checkQuietWorkflows(db, new Date("2026-11-12T15:00:00Z"))).toBe(1);
    expect(await checkQuietWorkflows(db, new Date("2026-11-13T15:00:00Z"))).toBe(0);
    expect(await alertsOf(db, "workflow.quiet")).toEqual([["workflow.quiet", "ops-slack", "workflow.quiet:ticket-triage:2026-11-11T15:00:00.000Z"]]);

    // Events again, then silence again: a new spell, a new alert.
    await ingest(db, [anEvent("output", { occurredAt: "2026-11-14T10:00:00Z" })]);
    expect(await checkQuietWorkflows(db, new Date("2026-11-15T10:00:00Z"))).toBe(0);
    await ingest(db, Array.from({ length: 3 }, (_, i) => anEvent("output", { occurredAt: `2026-11-${12 + i}T08:00:00Z` })));
    expect(await checkQuietWorkflows(db, new Date("2026-11-15T10:00:00Z"))).toBe(1);
  });
});
