// The portfolio: every rollout (workflow × cohort) with its last four finished weeks and its gate verdict. Every
// figure comes from the same reads and judgement as metricsReport and evaluateScorecard, made for all rollouts at
// once: each read groups by rollout, so a render costs the same statements for two rollouts as for two hundred.
import type { Database } from "@/lib/db/database";
import { listRollouts, type RolloutRow } from "@/lib/db/queries/listRollouts";
import { installationTimezone } from "@/lib/time/installation";
import type { Interval } from "@/lib/metrics/wilson";
import type { Verdict } from "@/lib/gates/verdict";
import type { Phase } from "@/lib/contract/vocabulary";
import { today } from "@/lib/time";
import type { SqlExecutor } from "@/lib/db/sql";
import { periodKey } from "@/lib/db/queries/rollupFilter";
import { readLatestGateTemplates } from "@/lib/db/queries/readLatestGateTemplates";
import { readNewestEvent } from "@/lib/db/queries/readNewestEvent";
import { readChecklistItems, type ChecklistItemRow } from "@/lib/db/queries/readChecklistItems";
import { readVersionCounts } from "@/lib/db/queries/readVersionCounts";
import type { StoredTemplate } from "@/lib/gates/template";
import { scorecardWindow } from "@/lib/gates/window";
import { readRolloutBaselines, readRolloutReports, rolloutReportInput, type MetricsReport } from "@/lib/reports/metricsReport";
import type { Sketch } from "@/lib/db/queries/readDurationSketches";
import { judgeScorecard, templateFor, type ScorecardResult } from "./scorecard";

/** The portfolio's weeks: the four finished weeks before the current one. */
export const PORTFOLIO_WEEKS = 4;
const PORTFOLIO_RATES = ["precision", "correctionRate", "escalationRate"] as const;

export interface PortfolioRates {
  precision: Interval;
  correctionRate: Interval;
  escalationRate: Interval;
  outputs: number;
  reviews: number;
  tasks: number;
}

export type PortfolioGate =
  | {
      status: "evaluated";
      verdict: Verdict;
      templateKey: string;
      to: Phase;
      reasons: string[];
      /** The gate's thresholds on the rates the portfolio shows, where the template has a criterion on them. */
      thresholds: Partial<Record<keyof PortfolioRates, { op: ">=" | "<="; threshold: number }>>;
    }
  /** No gate template leaves the rollout's phase for its tier (an enterprise rollout, say). */
  | { status: "none"; reason: string };

export interface PortfolioRow extends RolloutRow {
  weeks: (PortfolioRates & { periodStart: string })[];
  window: PortfolioRates;
  cycleTimeReduction: Interval;
  baseline: MetricsReport["baseline"];
  gate: PortfolioGate;
}

export interface PortfolioReport {
  timezone: string;
  from: string;
  to: string;
  rows: PortfolioRow[];
}

function rates(point: MetricsReport["series"][number]): PortfolioRates {
  return {
    precision: point.precision,
    correctionRate: point.correctionRate,
    escalationRate: point.escalationRate,
    outputs: point.outputs,
    reviews: point.reviews,
    tasks: point.tasks,
  };
}

function gateOf(result: ScorecardResult): PortfolioGate {
  if (result.status === "no_gate") return { status: "none", reason: result.reason };
  const { scorecard } = result;
  return {
    status: "evaluated",
    verdict: scorecard.verdict,
    templateKey: scorecard.template.key,
    to: scorecard.template.to,
    reasons: scorecard.reasons,
    thresholds: Object.fromEntries(
      scorecard.criteria
        .filter((c) => PORTFOLIO_RATES.includes(c.metric as (typeof PORTFOLIO_RATES)[number]))
        .map((c) => [c.metric, { op: c.op, threshold: c.threshold }]),
    ),
  };
}

/**
 * Every rollout's scorecard, as evaluateScorecard judges it, in a fixed number of statements: rollouts judged over
 * the same window (their templates' windowWeeks) are read together, and there are only as many windows as templates.
 * A gate window of the portfolio's own weeks is the portfolio's window: its reports (`portfolioTotals`, every
 * rollout's, read the same way) serve it instead of a second read.
 */
async function readScorecards(
  tx: SqlExecutor,
  rollouts: readonly RolloutRow[],
  timezone: string,
  now: Date,
  portfolioTotals: Map<string, MetricsReport>,
  baselines: Map<string, Sketch>,
): Promise<Map<string, ScorecardResult>> {
  const templates = await readLatestGateTemplates(tx);
  const newest = await readNewestEvent(tx);
  const checklists = new Map<string, ChecklistItemRow[]>();
  for (const item of await readChecklistItems(tx)) checklists.set(item.workflow, [...(checklists.get(item.workflow) ?? []), item]);
  const asOf = today(timezone, now);
  const results = new Map<string, ScorecardResult>();
  const byWindow = new Map<number, { rollout: RolloutRow; template: StoredTemplate }[]>();
  for (const rollout of rollouts) {
    const template = templateFor(templates, rollout.phase, rollout.tier, undefined);
    if ("status" in template) results.set(periodKey(rollout, ""), template);
    else byWindow.set(template.windowWeeks, [...(byWindow.get(template.windowWeeks) ?? []), { rollout, template }]);
  }
  for (const [windowWeeks, judged] of byWindow) {
    const window = scorecardWindow(asOf, windowWeeks);
    const reports =
      windowWeeks === PORTFOLIO_WEEKS
        ? portfolioTotals
        : await readRolloutReports(tx, judged.map(({ rollout }) => rolloutReportInput(rollout)), { ...window, granularity: "total" }, timezone, baselines);
    const versions = await readVersionCounts(tx, { ...window, rollouts: judged.map(({ rollout }) => rollout) }, true);
    for (const { rollout, template } of judged) {
      const key = periodKey(rollout, "");
      const scorecard = judgeScorecard({
        workflow: { key: rollout.workflow, name: rollout.workflowName, tier: rollout.tier },
        cohort: { key: rollout.cohort, name: rollout.cohortName, department: rollout.department, size: rollout.cohortSize },
        phase: rollout.phase,
        template,
        asOf,
        timezone,
        report: reports.get(key)!,
        versions: versions.get(key) ?? [],
        newestEventAt: newest.get(key) ?? null,
        checklist: checklists.get(rollout.workflow) ?? [],
      });
      results.set(key, { status: "evaluated", scorecard });
    }
  }
  return results;
}

/** The whole portfolio from one snapshot, in a number of statements that does not grow with the rollouts. */
export async function portfolioReport(db: Database, now = new Date()): Promise<PortfolioReport> {
  const [timezone, rollouts] = await Promise.all([installationTimezone(db), listRollouts(db)]);
  const { from, to } = scorecardWindow(today(timezone, now), PORTFOLIO_WEEKS);
  const inputs = rollouts.map(rolloutReportInput);
  const rows = await db.sql.read(async (tx) => {
    const baselines = await readRolloutBaselines(tx);
    const weekly = await readRolloutReports(tx, inputs, { from, to, granularity: "week" }, timezone, baselines);
    const total = await readRolloutReports(tx, inputs, { from, to, granularity: "total" }, timezone, baselines);
    const scorecards = await readScorecards(tx, rollouts, timezone, now, total, baselines);
    return rollouts.map((rollout): PortfolioRow => {
      const key = periodKey(rollout, "");
      const window = total.get(key)!;
      return {
        ...rollout,
        weeks: weekly.get(key)!.series.map((point) => ({ periodStart: point.periodStart, ...rates(point) })),
        window: rates(window.series[0]!),
        cycleTimeReduction: window.cycleTimeReduction,
        baseline: window.baseline,
        gate: gateOf(scorecards.get(key)!),
      };
    });
  });
  return { timezone, from, to, rows };
}
