// The review queue's weekly target: enough reviews to settle, by the end of the window, the criterion that needs
// the most, and never fewer than the random sample brings in a week, so the sample is reviewed whole (the items
// nobody reviews would otherwise be the hard ones, and the sample would no longer be random).
import type { ReviewsStillNeeded } from "@/lib/gates/stillNeeded";
import type { ReviewRates } from "./sampling";

export interface WeeklyTargetInput {
  stillNeeded: readonly ReviewsStillNeeded[];
  /** Weeks left in the window, this one included (see weeksLeftInWindow). */
  weeksLeft: number;
  /** Outputs the rollout produces in a week, e.g. the window's outputs over its weeks. */
  outputsPerWeek: number;
  rates: ReviewRates;
}

export function weeklyTarget({ stillNeeded, weeksLeft, outputsPerWeek, rates }: WeeklyTargetInput): number {
  if (!Number.isInteger(weeksLeft) || weeksLeft < 1) throw new RangeError(`weeks left must be a whole number, at least 1, got ${weeksLeft}`);
  // The reviews the sample brings in a week, a double-reviewed item counting twice; rounded, as 1000·0.1·1.1 is
  // 110.00000000000001 in floating point.
  const sampledReviews = Math.round(outputsPerWeek * rates.rate * (1 + rates.doubleRate));
  const largest = Math.max(0, ...stillNeeded.map((needed) => needed.reviews ?? 0));
  return Math.max(Math.ceil(largest / weeksLeft), sampledReviews);
}
