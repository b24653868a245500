// The portfolio: every rollout (workflow × cohort) with its last four finished weeks and its gate verdict. Every
// figure comes from metricsReport and evaluateScorecard; this only gathers them, rollouts in parallel.
import type { Database } from "@/lib/db/database";
import { listRollouts, type RolloutRow } from "@/lib/db/queries/listRollouts";
import { installationTimezone } from "@/lib/time/installation";
import type { Interval } from "@/lib/metrics/wilson";
import type { Verdict } from "@/lib/gates/verdict";
import type { Phase } from "@/lib/contract/vocabulary";
import { addDays, today, weekStart } from "@/lib/time";
import { metricsReport, type MetricsReport } from "@/lib/reports/metricsReport";
import { evaluateScorecard } from "./scorecard";

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

async function gateOf(db: Database, rollout: RolloutRow, now: Date): Promise<PortfolioGate> {
  const result = await evaluateScorecard(db, { workflow: rollout.workflow, cohort: rollout.cohort }, { now });
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

export async function portfolioReport(db: Database, now = new Date()): Promise<PortfolioReport> {
  const [timezone, rollouts] = await Promise.all([installationTimezone(db), listRollouts(db)]);
  const to = weekStart(today(timezone, now));
  const from = addDays(to, -7 * PORTFOLIO_WEEKS);
  const rows = await Promise.all(
    rollouts.map(async (rollout): Promise<PortfolioRow> => {
      const query = { workflow: rollout.workflow, cohort: rollout.cohort, from, to };
      const [weekly, total, gate] = await Promise.all([
        metricsReport(db, { ...query, granularity: "week" }),
        metricsReport(db, { ...query, granularity: "total" }),
        gateOf(db, rollout, now),
      ]);
      return {
        ...rollout,
        weeks: weekly.series.map((point) => ({ periodStart: point.periodStart, ...rates(point) })),
        window: rates(total.series[0]!),
        cycleTimeReduction: total.cycleTimeReduction,
        baseline: total.baseline,
        gate,
      };
    }),
  );
  return { timezone, from, to, rows };
}
