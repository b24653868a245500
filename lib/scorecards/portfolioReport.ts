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
import { periodKey } from "@/lib/db/queries/rollupFilter";
import { scorecardWindow } from "@/lib/gates/window";
import { readRolloutBaselines, readRolloutCounts, readRolloutWindowFigures, rolloutReportInput, type MetricsReport, type PeriodCounts } from "@/lib/reports/metricsReport";
import { reviewAndTaskRates } from "@/lib/metrics/definitions";
import { readScorecards, type Scorecard, type ScorecardResult } from "./scorecard";

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

/** The rates the portfolio shows, from a period's counts (a weekly point's, or the window's). */
function rates(counts: Omit<PeriodCounts, "periodStart">): PortfolioRates {
  const { precision, correctionRate, escalationRate } = reviewAndTaskRates(counts);
  return { precision, correctionRate, escalationRate, outputs: counts.outputs, reviews: counts.reviews, tasks: counts.tasks };
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

/** The whole portfolio from one snapshot, in a number of statements that does not grow with the rollouts. */
export async function portfolioReport(db: Database, now = new Date()): Promise<PortfolioReport> {
  const timezone = await installationTimezone(db);
  const { from, to } = scorecardWindow(today(timezone, now), PORTFOLIO_WEEKS);
  const rows = await db.sql.read(async (tx) => {
    // The registry from the figures' snapshot: a rollout added meanwhile is either wholly in the page or not.
    const rollouts = await listRollouts(tx);
    // The weeks show review and task rates only: their counts are read alone, not whole weekly reports.
    const [baselines, weekly] = await Promise.all([readRolloutBaselines(tx), readRolloutCounts(tx, rollouts, { from, to, granularity: "week" })]);
    const scorecards = await readScorecards(tx, rollouts, timezone, now, baselines);
    // A scorecard judged over the portfolio's own window holds the whole report of it; the other rollouts' window
    // figures are read alone, without the actors and the rest a whole report reads.
    const judgedHere = (rollout: RolloutRow): Scorecard | null => {
      const result = scorecards.get(periodKey(rollout, ""))!;
      return result.status === "evaluated" && result.scorecard.window.from === from && result.scorecard.window.to === to ? result.scorecard : null;
    };
    const figures = await readRolloutWindowFigures(tx, rollouts.filter((rollout) => !judgedHere(rollout)).map(rolloutReportInput), { from, to }, baselines);
    return rollouts.map((rollout): PortfolioRow => {
      const key = periodKey(rollout, "");
      const judged = judgedHere(rollout);
      const window = judged ? { ...judged.totals, baseline: judged.baseline, cycleTimeReduction: judged.cycleTimeReduction } : figures.get(key)!;
      return {
        ...rollout,
        weeks: weekly.get(key)!.map((counts) => ({ periodStart: counts.periodStart, ...rates(counts) })),
        window: rates(window),
        cycleTimeReduction: window.cycleTimeReduction,
        baseline: window.baseline,
        gate: gateOf(scorecards.get(key)!),
      };
    });
  });
  return { timezone, from, to, rows };
}
