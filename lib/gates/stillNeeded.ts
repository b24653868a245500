// "Reviews still needed": for each criterion measured on reviews that the data cannot decide yet, how many more
// reviews would settle it if the estimate stays where it is. The review queue's weekly target is built from it.
import { REVIEW_PROPORTIONS } from "@/lib/contract/program";
import type { CriterionResult } from "./evaluate";
import { formatCount, formatShare, pluralize } from "./format";
import { moreToReach, sampleToSettleShare, sitsOnThreshold } from "./settle";

export interface ReviewsStillNeeded {
  metric: (typeof REVIEW_PROPORTIONS)[number];
  /** Further reviews that would settle the criterion; null when no figure can be promised (`reason` says why). */
  reviews: number | null;
  /** The same for people. */
  reason: string;
}

function isReviewProportion(metric: string): metric is ReviewsStillNeeded["metric"] {
  return (REVIEW_PROPORTIONS as readonly string[]).includes(metric);
}

const reviewNoun = (count: number) => pluralize(count, "review", "reviews");

function stillNeeded(criterion: CriterionResult): Omit<ReviewsStillNeeded, "metric"> {
  const { value, threshold, minSample, n } = criterion;
  const shortOfMinimum = Math.max(0, (minSample ?? 0) - n);
  if (value === null) {
    // Without a single review there is no estimate to extrapolate from; the minimum sample is all that is known.
    if (shortOfMinimum === 0) return { reviews: null, reason: "no reviews yet to estimate from" };
    return { reviews: shortOfMinimum, reason: `at least ${formatCount(shortOfMinimum)} ${reviewNoun(shortOfMinimum)} before it can be judged` };
  }
  if (sitsOnThreshold(value, threshold)) {
    const where = `the estimate ${formatShare(value)} sits on the ${formatShare(threshold)} ${criterion.op === ">=" ? "threshold" : "limit"}`;
    return { reviews: null, reason: `${where}; more reviews alone may not settle it` };
  }
  const toSettle = moreToReach(sampleToSettleShare(value, threshold), n);
  if (shortOfMinimum >= toSettle) {
    const more = `${formatCount(shortOfMinimum)} more ${reviewNoun(shortOfMinimum)}`;
    return { reviews: shortOfMinimum, reason: `${more} to reach the minimum sample of ${formatCount(minSample!)}` };
  }
  return { reviews: toSettle, reason: `about ${formatCount(toSettle)} more ${reviewNoun(toSettle)} would settle it at the current estimate` };
}

/** Reviews still needed for the criteria measured on reviews that are insufficient or inconclusive, in their order. */
export function reviewsStillNeeded(criteria: readonly CriterionResult[]): ReviewsStillNeeded[] {
  return criteria.flatMap((criterion) => {
    const { metric, verdict } = criterion;
    if (!isReviewProportion(metric) || (verdict !== "insufficient" && verdict !== "inconclusive")) return [];
    return [{ metric, ...stillNeeded(criterion) }];
  });
}
