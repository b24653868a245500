// Every cohort of a workflow side by side over one window, each against its own baseline: support, legal and
// sales are not judged by one generic benchmark.
import type { Database } from "@/lib/db/database";
import { listRollouts } from "@/lib/db/queries/listRollouts";
import { installationTimezone } from "@/lib/time/installation";
import { requireWorkflow } from "@/lib/db/queries/requireWorkflow";
import type { CohortsQuery } from "@/lib/contract/query";
import type { SeriesPoint, WindowSummary } from "@/lib/metrics/report";
import type { Phase } from "@/lib/contract/vocabulary";
import { periodKey } from "@/lib/db/queries/rollupFilter";
import { readRolloutBaselines, readRolloutReports, rolloutReportInput } from "./metricsReport";

export interface CohortComparison extends WindowSummary {
  cohort: string;
  name: string;
  department: string;
  size: number | null;
  phase: Phase;
  totals: Omit<SeriesPoint, "periodStart">;
}

export interface CohortsReport {
  workflow: string;
  from: string;
  to: string;
  timezone: string;
  agentVersion: string | null;
  cohorts: CohortComparison[];
}

/** Every cohort's report from one snapshot, in a number of statements that does not grow with the cohorts. */
export async function cohortsReport(db: Database, query: CohortsQuery): Promise<CohortsReport> {
  const rollouts = (await listRollouts(db.sql)).filter((r) => r.workflow === query.workflow);
  // A workflow with rollouts exists; without any, only this refuses an unknown one.
  if (rollouts.length === 0) await db.sql.read((tx) => requireWorkflow(tx, query.workflow));
  const timezone = await installationTimezone(db);
  const window = { from: query.from, to: query.to, granularity: "total" as const, ...(query.agentVersion ? { agentVersion: query.agentVersion } : {}) };
  const reports = await db.sql.read(async (tx) => readRolloutReports(tx, rollouts.map(rolloutReportInput), window, timezone, await readRolloutBaselines(tx)));
  const cohorts = rollouts.map((rollout): CohortComparison => {
    const report = reports.get(periodKey(rollout, ""))!;
    const { periodStart: _periodStart, ...totals } = report.series[0]!;
    return {
      cohort: rollout.cohort,
      name: rollout.cohortName,
      department: rollout.department,
      size: rollout.cohortSize,
      phase: rollout.phase,
      totals,
      baseline: report.baseline,
      cycleTimeReduction: report.cycleTimeReduction,
      quantiles: report.quantiles,
    };
  });
  return { workflow: query.workflow, from: query.from, to: query.to, timezone, agentVersion: query.agentVersion ?? null, cohorts };
}
