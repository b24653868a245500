// Assembles the metrics of a window from counted inputs: every figure the API, the pages and the exports show is
// computed here (from definitions.ts, quantiles.ts and cycleTime.ts), never in a view.
import { computeRates, type MetricCounts, type Rates, type ReviewCounts, type TaskCounts } from "./definitions";
import { summarizeSketch, type DurationSummary } from "./quantiles";
import { cycleTimeReduction, type SketchCounts } from "./cycleTime";
import { SKETCH_RELATIVE_ACCURACY } from "./sketch";
import type { Interval } from "./wilson";
import { feedbackMetrics, type FeedbackCounts, type FeedbackMetrics } from "./feedback";

export interface IncidentCounts {
  total: number;
  byCategory: Record<string, number>;
  /** Keys "1", "2", "3". */
  bySeverity: Record<string, number>;
}

/** What one period's metrics are computed from. */
export interface PeriodInput extends Omit<MetricCounts, "cohortSize"> {
  periodStart: string;
  incidents: IncidentCounts;
  /** Review error categories plus incident categories, counted. */
  errorCategories: Record<string, number>;
  agentDurations: SketchCounts;
  manualDurations: SketchCounts;
  /** Thumbs and CSAT from the people who asked; none when omitted. */
  feedback?: FeedbackCounts;
  /** The reviews of the random sample (lib/review), counted among the reviews above too; none when omitted. */
  sampledReviews?: ReviewCounts;
}

export interface SeriesPoint extends Rates, ReviewCounts, TaskCounts, FeedbackMetrics {
  periodStart: string;
  outputs: number;
  /** Of the reviews, those the review queue recorded on its random sample; the rest were sent by integrations. */
  sampledReviews: ReviewCounts;
  cycleTime: { agent: DurationSummary; manual: DurationSummary };
  activeActors: number;
  incidents: IncidentCounts;
  errorCategories: Record<string, number>;
}

export type Baseline =
  | { source: "configured"; p50: number; n: null }
  | { source: "measured"; p50: number; n: number; completions: SketchCounts }
  | { source: "none"; p50: null; n: 0 };

export interface WindowSummary {
  baseline: { source: Baseline["source"]; p50: number | null; n: number | null };
  cycleTimeReduction: Interval;
  /** How cycle-time quantiles were computed: from the log-bucketed sketch, within this relative error. */
  quantiles: { method: "sketch"; relativeError: number };
}

export function seriesPoint(input: PeriodInput, cohortSize: number | null): SeriesPoint {
  const { periodStart, agentDurations, manualDurations, incidents, errorCategories, feedback, sampledReviews, ...counts } = input;
  return {
    periodStart,
    outputs: counts.outputs,
    sampledReviews: sampledReviews ?? { reviews: 0, accepted: 0, lightEdits: 0, heavyEdits: 0, rejected: 0 },
    reviews: counts.reviews,
    accepted: counts.accepted,
    lightEdits: counts.lightEdits,
    heavyEdits: counts.heavyEdits,
    rejected: counts.rejected,
    tasks: counts.tasks,
    escalatedTasks: counts.escalatedTasks,
    activeActors: counts.activeActors,
    ...computeRates({ ...counts, cohortSize }),
    cycleTime: { agent: summarizeSketch(agentDurations), manual: summarizeSketch(manualDurations) },
    incidents,
    errorCategories,
    ...feedbackMetrics(feedback),
  };
}

/**
 * The point as the random sample alone sees it: reviews, verdicts and the three review rates from the queue's
 * sampled reviews (for gates with `"reviews": "sampled"`); everything else unchanged.
 */
export function sampledReviewsOnly(point: Omit<SeriesPoint, "periodStart">): Omit<SeriesPoint, "periodStart"> {
  const sample = point.sampledReviews;
  const { precision, correctionRate, heavyCorrectionRate } = computeRates({ ...point, ...sample, cohortSize: null });
  return { ...point, ...sample, precision, correctionRate, heavyCorrectionRate };
}

/** The baseline of (workflow, cohort): the configured p50 when set, else the median of all manual completions. */
export function chooseBaseline(configuredP50: number | null, manualCompletions: SketchCounts): Baseline {
  if (configuredP50 !== null) return { source: "configured", p50: configuredP50, n: null };
  const summary = summarizeSketch(manualCompletions);
  if (summary.p50 === null || summary.n === 0) return { source: "none", p50: null, n: 0 };
  return { source: "measured", p50: summary.p50, n: summary.n, completions: manualCompletions };
}

export function windowSummary(windowAgentDurations: SketchCounts, baseline: Baseline): WindowSummary {
  return {
    baseline: { source: baseline.source, p50: baseline.p50, n: baseline.n },
    cycleTimeReduction: cycleTimeReduction(
      windowAgentDurations,
      baseline.p50,
      baseline.source === "measured" ? { manualCompletions: baseline.completions } : {},
    ),
    quantiles: { method: "sketch", relativeError: SKETCH_RELATIVE_ACCURACY },
  };
}

/** Adds sketches (bucket → count): sketches merge exactly by summing counts. */
export function mergeSketches(sketches: Iterable<SketchCounts>): Map<number, number> {
  const merged = new Map<number, number>();
  for (const sketch of sketches) for (const [bucket, count] of sketch) merged.set(bucket, (merged.get(bucket) ?? 0) + count);
  return merged;
}
