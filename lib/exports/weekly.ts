// The weekly scorecard export: one row per rollout with the ISO week's metrics and the gate verdict as of the end
// of that week. CSV, JSON and PDF are renderings of these rows, so every format says the same thing.
import type { Database } from "@/lib/db/database";
import { installationTimezone } from "@/lib/time/installation";
import { listRollouts } from "@/lib/db/queries/listRollouts";
import { listDecisionRows } from "@/lib/db/queries/listDecisionRows";
import { InvalidParameterError } from "@/lib/errors";
import type { Phase } from "@/lib/contract/vocabulary";
import type { SeriesPoint, WindowSummary } from "@/lib/metrics/report";
import type { CriterionResult } from "@/lib/gates/evaluate";
import type { Verdict } from "@/lib/gates/verdict";
import { metricsReports } from "@/lib/reports/metricsReport";
import type { Agreement } from "@/lib/metrics/agreement";
import { evaluateScorecard } from "@/lib/scorecards/scorecard";
import { addDays, isoWeekLabel, isoWeekMonday, startOfLocalDay, today, weekStart } from "@/lib/time";

export interface WeeklyRow extends WindowSummary {
  week: string;
  workflow: string;
  workflowName: string;
  tier: string;
  cohort: string;
  cohortName: string;
  department: string;
  /** The rollout's phase at the end of the week. */
  phase: Phase;
  metrics: Omit<SeriesPoint, "periodStart">;
  /** The verdict of the template for that phase, judged as of the end of the week; null when no template applies. */
  verdict: Verdict | null;
  reasons: string[];
  template: { key: string; version: number } | null;
  criteria: CriterionResult[];
  /** Reviewer agreement on the week's double-reviewed outputs. */
  agreement: Agreement;
  /** The last weeks' precision up to this one, oldest first, for the report's trend chart. */
  trend: { week: string; precision: SeriesPoint["precision"]; correctionRate: SeriesPoint["correctionRate"]; escalationRate: SeriesPoint["escalationRate"] }[];
}

export interface WeeklyExport {
  week: string;
  /** Local dates [from, to) of the week. */
  from: string;
  to: string;
  timezone: string;
  generatedAt: string;
  rows: WeeklyRow[];
}

const TREND_WEEKS = 8;

/** Accepts "YYYY-Www" or "last" (the last complete week); refuses malformed and future weeks. */
export function resolveWeek(week: string, timezone: string, now = new Date()): { week: string; from: string; to: string } {
  const thisWeek = weekStart(today(timezone, now));
  const monday = week === "last" ? addDays(thisWeek, -7) : isoWeekMonday(week);
  if (!monday) throw new InvalidParameterError("week", `"${week}" is not an ISO week such as 2026-W47 (or "last")`);
  if (monday > thisWeek) throw new InvalidParameterError("week", `${week} is in the future; the current week is ${isoWeekLabel(thisWeek)}`);
  return { week: isoWeekLabel(monday), from: monday, to: addDays(monday, 7) };
}

/** A rollout's phase at an instant, from its decisions: the phase the last earlier decision moved it to, else the phase the first later one found. */
async function phaseAt(db: Database, workflow: string, cohort: string, current: Phase, instant: Date): Promise<Phase> {
  const decisions = (await listDecisionRows(db, workflow, cohort)).reverse(); // oldest first
  const before = decisions.filter((d) => d.decidedAt < instant && d.toPhase);
  if (before.length > 0) return before.at(-1)!.toPhase as Phase;
  const after = decisions.find((d) => d.decidedAt >= instant);
  return (after?.fromPhase as Phase | undefined) ?? current;
}

export interface WeeklyExportOptions {
  now?: Date;
  /** Only this rollout. */
  rollout?: { workflow: string; cohort: string };
  onProgress?: (done: number, total: number) => void;
}

export async function weeklyExport(db: Database, weekParam: string, options: WeeklyExportOptions = {}): Promise<WeeklyExport> {
  const now = options.now ?? new Date();
  const timezone = await installationTimezone(db);
  const { week, from, to } = resolveWeek(weekParam, timezone, now);
  const only = options.rollout;
  const rollouts = (await listRollouts(db.sql)).filter((r) => !only || (r.workflow === only.workflow && r.cohort === only.cohort));
  if (only && rollouts.length === 0) throw new InvalidParameterError("workflow", `no rollout of workflow "${only.workflow}" in cohort "${only.cohort}"`);
  const weekEnd = startOfLocalDay(to, timezone);
  const rows: WeeklyRow[] = [];
  for (const [index, rollout] of rollouts.entries()) {
    const key = { workflow: rollout.workflow, cohort: rollout.cohort };
    const phase = await phaseAt(db, rollout.workflow, rollout.cohort, rollout.phase, weekEnd);
    const [report, trend] = await metricsReports(db, key, [
      { from, to, granularity: "total" },
      { from: addDays(from, -7 * (TREND_WEEKS - 1)), to, granularity: "week" },
    ]);
    // The scorecard "as of the end of the week" is the one evaluated on the following Monday.
    const result = await evaluateScorecard(db, { ...key, asOf: to }, { now, phase });
    const scorecard = result.status === "evaluated" ? result.scorecard : null;
    const { periodStart: _periodStart, ...metrics } = report.series[0]!;
    rows.push({
      week,
      workflow: rollout.workflow,
      workflowName: rollout.workflowName,
      tier: rollout.tier,
      cohort: rollout.cohort,
      cohortName: rollout.cohortName,
      department: rollout.department,
      phase,
      metrics,
      baseline: report.baseline,
      cycleTimeReduction: report.cycleTimeReduction,
      quantiles: report.quantiles,
      verdict: scorecard?.verdict ?? null,
      reasons: scorecard?.reasons ?? [],
      template: scorecard ? { key: scorecard.template.key, version: scorecard.template.version } : null,
      criteria: scorecard?.criteria ?? [],
      agreement: report.agreement,
      trend: trend.series.map((p) => ({ week: isoWeekLabel(p.periodStart), precision: p.precision, correctionRate: p.correctionRate, escalationRate: p.escalationRate })),
    });
    options.onProgress?.(index + 1, rollouts.length);
  }
  return { week, from, to, timezone, generatedAt: now.toISOString(), rows };
}
