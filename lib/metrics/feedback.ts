// Feedback from the people who asked: thumbs up or down and CSAT scores (1–5). It is their opinion of an answer, not
// a reviewer's verdict, so it never enters precision or any review-based rate; it gets metrics of its own.
import { noEstimate, wilson, Z_95, type Interval } from "./wilson";

/** Feedback counted over a period, as the daily rollups keep it. */
export interface FeedbackCounts {
  positive: number;
  negative: number;
  /** CSAT responses, the sum of their scores and the sum of the squared scores. */
  csatResponses: number;
  csatSum: number;
  csatSumSquares: number;
}

/** A mean with its 95% interval and the number of responses it is taken over. */
export interface MeanEstimate extends Interval {
  n: number;
}

export interface FeedbackMetrics {
  /** Thumbs counted: positive + negative. */
  feedbackRatings: number;
  /** Share of thumbs that were up: positive / (positive + negative), with its Wilson interval. */
  positiveFeedbackRate: Interval;
  /** Mean CSAT score (1–5) with its 95% t interval, clamped to the scale. */
  csatMean: MeanEstimate;
}

export const CSAT_MIN = 1;
export const CSAT_MAX = 5;

/** Two-sided 95% Student t quantiles for 1 to 30 degrees of freedom. */
const T_95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08,
  2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The 95% t quantile; past the table, the normal one with two Cornish–Fisher corrections (within 0.0001). */
export function tQuantile95(degreesOfFreedom: number): number {
  if (degreesOfFreedom <= T_95.length) return T_95[degreesOfFreedom - 1]!;
  const z = Z_95;
  const v = degreesOfFreedom;
  return z + (z ** 3 + z) / (4 * v) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * v * v);
}

const clamp = (value: number) => Math.min(CSAT_MAX, Math.max(CSAT_MIN, value));

/**
 * The mean score with a t interval from the sum and sum of squares. One response says nothing of the spread, so
 * its interval is the whole scale.
 */
export function csatMean(n: number, sum: number, sumSquares: number): MeanEstimate {
  if (n === 0) return { ...noEstimate(), n };
  const mean = sum / n;
  if (n === 1) return { value: mean, low: CSAT_MIN, high: CSAT_MAX, n };
  // Rounding can leave a hair below zero when every score is the same.
  const variance = Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
  const half = tQuantile95(n - 1) * Math.sqrt(variance / n);
  return { value: mean, low: clamp(mean - half), high: clamp(mean + half), n };
}

export const NO_FEEDBACK: FeedbackCounts = { positive: 0, negative: 0, csatResponses: 0, csatSum: 0, csatSumSquares: 0 };

export function feedbackMetrics(counts: FeedbackCounts = NO_FEEDBACK): FeedbackMetrics {
  const ratings = counts.positive + counts.negative;
  return {
    feedbackRatings: ratings,
    positiveFeedbackRate: wilson(counts.positive, ratings),
    csatMean: csatMean(counts.csatResponses, counts.csatSum, counts.csatSumSquares),
  };
}
