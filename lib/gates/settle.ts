// How much more data would settle a criterion the data cannot decide yet, and when to say instead that more data
// alone may not. Shared by a criterion's reason and the review queue's "reviews still needed", so both give the
// same figure.
import { Z_95 } from "@/lib/metrics/wilson";
import { formatShare, roundUpToTwoSignificantDigits } from "./format";

/**
 * Whether an estimate reads the same as its threshold where the scorecard prints both (two decimals of a share, a
 * whole percent). A gate is not meant to split hairs finer than that, and extrapolating from such a gap gives
 * absurd figures: precision 856 of 901 (0.95006) against 0.95 would "settle" after about 60,000,000 more reviews.
 */
export function sitsOnThreshold(value: number, threshold: number, format: (value: number) => string = formatShare): boolean {
  return format(value) === format(threshold);
}

/**
 * The sample at which a share's Wilson interval excludes the threshold, should the share stay where it is. The
 * Wilson interval at m trials is exactly the set of t with (p − t)² ≤ z²·t(1 − t)/m, so it excludes the threshold
 * once m > z²·t(1 − t)/(p − t)². This is the normal approximation z²·p(1 − p)/(p − t)² with the variance taken at
 * the threshold, as the score test does; unlike it, it stays positive when p is 0 or 1.
 */
export function sampleToSettleShare(share: number, threshold: number): number {
  return (Z_95 ** 2 * threshold * (1 - threshold)) / (share - threshold) ** 2;
}

/** How many more than `n` make a sample of `needed`: at least 1, rounded up to two significant digits (it is rough). */
export function moreToReach(needed: number, n: number): number {
  // The tolerance keeps floating-point noise (200.00000000000003 needed) from asking for one more than needed.
  return roundUpToTwoSignificantDigits(Math.max(1, Math.ceil(needed - n - 1e-9)));
}
