import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import type { ProgramDocument } from "@/lib/contract/program";
import { countStatements } from "@/lib/db/statementCount";
import { listRollouts } from "@/lib/db/queries/listRollouts";
import { periodKey } from "@/lib/db/queries/rollupFilter";
import { installationTimezone } from "@/lib/time/installation";
import { metricsReport, metricsReports, readRolloutBaselines, readRolloutReports, rolloutReportInput } from "./metricsReport";
import { cohortsReport } from "./cohortsReport";

const now = new Date("2026-11-18T12:00:00Z");
const owners = { businessOwner: "Owner", technicalOwner: "IT", successMetric: "time", failureMode: "wrong" };

/** "solo" has one rollout, "many" five: cohorts with and without a size, with and without a configured baseline. */
const doc: ProgramDocument = {
  workflows: [
    { key: "solo", name: "Solo", tier: "draft", ...owners },
    { key: "many", name: "Many", tier: "draft", ...owners },
  ],
  cohorts: Array.from({ length: 5 }, (_, i) => ({ key: `cohort-${i}`, name: `Cohort ${i}`, department: "Ops", ...(i % 2 ? { size: 10 + i } : {}) })),
  rollouts: [
    { workflow: "solo", cohort: "cohort-0", phase: "pilot" },
    ...Array.from({ length: 5 }, (_, i) => ({ workflow: "many", cohort: `cohort-${i}`, phase: "pilot" as const, ...(i % 3 === 0 ? { baselineCycleTimeP50Ms: 600_000 } : {}) })),
  ],
};

function events() {
  return (doc.rollouts ?? []).flatMap(({ workflow, cohort }, r) =>
    Array.from({ length: 10 }, (_, i) => {
      const common = { workflow, cohort, taskId: `${cohort}-${i}`, actor: `person-${i % 4}`, agentVersion: `v${i % 2}`, occurredAt: new Date(Date.parse("2026-10-20T09:00:00Z") + (i * 2 + r) * 86_400_000).toISOString() };
      return [
        anEvent("output", common),
        anEvent("review", { ...common, verdict: (i + r) % 3 ? "accepted" : "rejected" }),
        ...((i + r) % 4 === 0 ? [anEvent("escalation", common)] : []),
        anEvent("completion", { ...common, mode: i % 3 ? "agent" : "manual", durationMs: 60_000 * (1 + ((i + r) % 5)) }),
      ];
    }).flat(),
  );
}

describeEachDatabase("the cohorts report and reports read together", (database) => {
  beforeAll(async () => {
    await applyProgram(database(), doc, testActor);
    expect((await ingestBatch(database(), events(), { now })).rejected).toEqual([]);
  });

  it("shows for every cohort what its own metrics report says, with and without an agent version", async () => {
    const db = database();
    for (const filter of [{}, { agentVersion: "v1" }]) {
      const query = { workflow: "many", from: "2026-10-19", to: "2026-11-16", ...filter };
      const report = await cohortsReport(db, query);
      expect(report.cohorts.map((c) => c.cohort)).toEqual(["cohort-0", "cohort-1", "cohort-2", "cohort-3", "cohort-4"]);
      for (const row of report.cohorts) {
        const own = await metricsReport(db, { ...query, cohort: row.cohort, granularity: "total" });
        const { periodStart: _periodStart, ...totals } = own.series[0]!;
        expect(row.totals.outputs).toBeGreaterThan(0);
        expect(row).toMatchObject({ totals, baseline: own.baseline, cycleTimeReduction: own.cycleTimeReduction, quantiles: own.quantiles });
      }
    }
  });

  it("reads every rollout's weekly and daily series as each rollout's own report says them", async () => {
    const db = database();
    const timezone = await installationTimezone(db);
    const rollouts = (await listRollouts(db.sql)).filter((r) => r.workflow === "many");
    // Week-aligned windows read the weekly tables, the other the daily ones; each period is read per rollout.
    const windows = [
      { from: "2026-10-19", to: "2026-11-16", granularity: "week" as const },
      { from: "2026-10-19", to: "2026-11-16", granularity: "week" as const, agentVersion: "v1" },
      { from: "2026-10-21", to: "2026-11-13", granularity: "day" as const },
      { from: "2026-10-22", to: "2026-11-13", granularity: "week" as const },
    ];
    for (const window of windows) {
      const reports = await db.sql.read(async (tx) => readRolloutReports(tx, rollouts.map(rolloutReportInput), window, timezone, await readRolloutBaselines(tx)));
      const points = [];
      for (const rollout of rollouts) {
        const own = await metricsReport(db, { workflow: rollout.workflow, cohort: rollout.cohort, ...window });
        expect(reports.get(periodKey(rollout, ""))).toEqual(own);
        points.push(...own.series);
      }
      // The periods compared hold actors and both modes' completions, not only zeros.
      expect([points.some((p) => p.activeActors > 0), points.some((p) => p.cycleTime.agent.n > 0), points.some((p) => p.cycleTime.manual.n > 0)]).toEqual([true, true, true]);
    }
  });

  it("reads as many statements for five cohorts as for one", async () => {
    const query = { from: "2026-10-19", to: "2026-11-16" };
    const solo = countStatements(database());
    expect((await cohortsReport(solo.db, { workflow: "solo", ...query })).cohorts).toHaveLength(1);
    const many = countStatements(database());
    expect((await cohortsReport(many.db, { workflow: "many", ...query })).cohorts).toHaveLength(5);
    expect(many.count()).toBe(solo.count());
  });

  it("reads several windows of one workflow as each alone would, in fewer statements", async () => {
    const windows = [
      { from: "2026-10-19", to: "2026-11-16", granularity: "week" as const },
      { from: "2026-10-19", to: "2026-11-16", granularity: "total" as const },
      { from: "2026-11-02", to: "2026-11-09", granularity: "total" as const, agentVersion: "v0" },
    ];
    for (const scope of [{ workflow: "many" }, { workflow: "many", cohort: "cohort-2" }, { workflow: "many", cohort: "cohort-3" }]) {
      const together = countStatements(database());
      const reports = await metricsReports(together.db, scope, windows);
      const alone = countStatements(database());
      const each = [];
      for (const window of windows) each.push(await metricsReport(alone.db, { ...scope, ...window }));
      expect(reports).toEqual(each);
      expect(each.every((report) => report.series.some((point) => point.outputs > 0))).toBe(true);
      expect(together.count()).toBeLessThan(alone.count());
    }
  });
});
