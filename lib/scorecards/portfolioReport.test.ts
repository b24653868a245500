import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import type { ProgramDocument } from "@/lib/contract/program";
import type { Database } from "@/lib/db/database";
import { countStatements } from "@/lib/db/statementCount";
import { metricsReport } from "@/lib/reports/metricsReport";
import { portfolioReport } from "./portfolioReport";
import { evaluateScorecard, evaluateScorecards } from "./scorecard";
import { listRollouts } from "@/lib/db/queries/listRollouts";
import { periodKey } from "@/lib/db/queries/rollupFilter";
import { updateChecklistItem } from "./checklist";

const now = new Date("2026-11-18T12:00:00Z");

/** A program of `count` rollouts over two workflows, two gate templates with different windows, and one tier without a gate. */
function program(count: number): ProgramDocument {
  const workflows = [
    { key: "ticket-triage", name: "Ticket triage", tier: "draft" as const },
    { key: "crm-enrichment", name: "CRM enrichment", tier: "action" as const },
  ].map((w) => ({ ...w, businessOwner: "Owner", technicalOwner: "IT", successMetric: "time", failureMode: "wrong" }));
  const cohorts = Array.from({ length: Math.ceil(count / 2) }, (_, i) => ({ key: `cohort-${i}`, name: `Cohort ${i}`, department: "Ops", ...(i % 3 ? { size: 20 + i } : {}) }));
  const rollouts = Array.from({ length: count }, (_, i) => ({
    workflow: workflows[i % 2]!.key,
    cohort: cohorts[Math.floor(i / 2)]!.key,
    phase: (["pilot", "department", "enterprise"] as const)[i % 3]!,
    startedAt: "2026-09-07",
    ...(i % 4 === 0 ? { baselineCycleTimeP50Ms: 600_000 } : {}),
  }));
  const criteria = [
    { metric: "precision" as const, op: ">=" as const, threshold: 0.8, minSample: 5 },
    { metric: "escalationRate" as const, op: "<=" as const, threshold: 0.3 },
  ];
  return {
    workflows,
    cohorts,
    rollouts,
    gates: [
      { key: "pilot-gate", from: "pilot", to: "department", windowWeeks: 2, tiers: ["draft", "action"], checklist: ["identity"], criteria },
      { key: "department-gate", from: "department", to: "enterprise", windowWeeks: 4, tiers: ["draft", "action"], checklist: [], criteria },
    ],
  };
}

/** Every rollout gets reviews, tasks, escalations, completions (agent and manual) and an agent version over six weeks. */
function events(doc: ProgramDocument) {
  return (doc.rollouts ?? []).flatMap(({ workflow, cohort }, r) =>
    Array.from({ length: 12 }, (_, i) => {
      const common = { workflow, cohort, taskId: `${cohort}-${workflow}-${i}`, agentVersion: `v${i % 2}`, occurredAt: new Date(Date.parse("2026-10-08T09:00:00Z") + (i * 3 + r) * 86_400_000 / 3).toISOString() };
      return [
        anEvent("output", common),
        anEvent("review", { ...common, verdict: (i + r) % 4 ? "accepted" : "rejected" }),
        ...((i + r) % 5 === 0 ? [anEvent("escalation", common)] : []),
        anEvent("completion", { ...common, mode: i % 3 ? "agent" : "manual", durationMs: 60_000 * (1 + ((i + r) % 7)) }),
      ];
    }).flat(),
  );
}

async function setUp(db: Database, rollouts: number) {
  const doc = program(rollouts);
  await applyProgram(db, doc, testActor);
  const result = await ingestBatch(db, events(doc), { now });
  expect(result.rejected).toEqual([]);
  await updateChecklistItem(db, "ticket-triage", "identity", { status: "done", owner: "IT", evidence: "https://wiki/x" }, testActor);
}

describeEachDatabase("the portfolio with 2 rollouts", (database) => {
  beforeAll(() => setUp(database(), 2));
  it("renders in a fixed number of statements", async () => {
    const counted = countStatements(database());
    expect((await portfolioReport(counted.db, now)).rows).toHaveLength(2);
    expect(counted.count()).toBe(STATEMENTS_PER_RENDER);
  });
});

describeEachDatabase("the portfolio with 20 rollouts", (database) => {
  beforeAll(() => setUp(database(), 20));

  it("evaluates many rollouts' scorecards at once as evaluateScorecard does each, in statements that do not grow with them", async () => {
    const db = database();
    const rollouts = await listRollouts(db.sql);
    const few = countStatements(db);
    await evaluateScorecards(few.db, rollouts.slice(0, 3), now);
    const all = countStatements(db);
    const results = await evaluateScorecards(all.db, rollouts, now);
    expect(all.count()).toBe(few.count());
    expect([...results.values()].map((r) => r.status)).toContain("evaluated");
    for (const rollout of rollouts) {
      expect(results.get(periodKey(rollout, ""))).toEqual(await evaluateScorecard(db, { workflow: rollout.workflow, cohort: rollout.cohort }, { now }));
    }
  });

  it("renders in the same number of statements as with 2", async () => {
    const counted = countStatements(database());
    expect((await portfolioReport(counted.db, now)).rows).toHaveLength(20);
    expect(counted.count()).toBe(STATEMENTS_PER_RENDER);
  });

  it("shows for every rollout what its metrics report and its scorecard say", async () => {
    const db = database();
    const portfolio = await portfolioReport(db, now);
    const { from, to } = portfolio;
    expect(portfolio.rows.map((row) => row.gate.status)).toContain("none");
    for (const row of portfolio.rows) {
      const query = { workflow: row.workflow, cohort: row.cohort, from, to };
      const weekly = await metricsReport(db, { ...query, granularity: "week" });
      const total = await metricsReport(db, { ...query, granularity: "total" });
      expect(row.weeks.map((w) => [w.periodStart, w.precision, w.correctionRate, w.escalationRate, w.outputs, w.reviews, w.tasks])).toEqual(
        weekly.series.map((p) => [p.periodStart, p.precision, p.correctionRate, p.escalationRate, p.outputs, p.reviews, p.tasks]),
      );
      expect(row.window.outputs).toBeGreaterThan(0);
      const { precision, correctionRate, escalationRate, outputs, reviews, tasks } = total.series[0]!;
      expect(row.window).toEqual({ precision, correctionRate, escalationRate, outputs, reviews, tasks });
      expect([row.cycleTimeReduction, row.baseline]).toEqual([total.cycleTimeReduction, total.baseline]);
      const scorecard = await evaluateScorecard(db, { workflow: row.workflow, cohort: row.cohort }, { now });
      if (scorecard.status === "no_gate") expect(row.gate).toEqual({ status: "none", reason: scorecard.reason });
      else expect(row.gate).toMatchObject({ status: "evaluated", verdict: scorecard.scorecard.verdict, reasons: scorecard.scorecard.reasons, templateKey: scorecard.scorecard.template.key });
    }
  });
});

/**
 * Timezone, the rollouts with their workflows and cohorts; the manual baselines once; templates, newest events,
 * checklists; per gate window (the pilot gate's two weeks, the department gate's four) 5 reads, the reviewer agreement
 * pairs and 2 version reads; the weeks' review and task counts (2 reads); and the window figures of the rollouts no
 * gate judges over the portfolio's four weeks (review and task counts, 2 reads, and the completion sketches).
 */
const STATEMENTS_PER_RENDER = 2 + 1 + 3 + 2 * (6 + 2) + 2 + 3;
