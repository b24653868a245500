// Confidence intervals for rates. The Wilson score interval stays inside [0, 1] and behaves sensibly at 0 of n and
// n of n, where the textbook normal ("Wald") interval collapses to a zero-width interval and overstates certainty.

/** A point estimate with its confidence interval; all three are null when there is no data to estimate from. */
export interface Interval {
  value: number | null;
  low: number | null;
  high: number | null;
}

/** The two-sided 95% standard normal quantile. */
export const Z_95 = 1.959963984540054;

/** A fresh "no data" interval (fresh so a caller that fills one in cannot change another's). */
export function noEstimate(): Interval {
  return { value: null, low: null, high: null };
}

/** The share successes / trials with its Wilson score interval (95% by default); no estimate when trials is 0. */
export function wilson(successes: number, trials: number, z = Z_95): Interval {
  if (!(trials >= 0) || !(successes >= 0) || successes > trials || !Number.isFinite(trials)) {
    throw new RangeError(`wilson needs 0 ≤ successes ≤ trials, got ${successes} of ${trials}`);
  }
  if (trials === 0) return noEstimate();
  const share = successes / trials;
  const zSquaredPerTrial = (z * z) / trials;
  const center = (share + zSquaredPerTrial / 2) / (1 + zSquaredPerTrial);
  const halfWidth =
    (z / (1 + zSquaredPerTrial)) * Math.sqrt((share * (1 - share)) / trials + zSquaredPerTrial / (4 * trials));
  // Clamped because rounding can push the bound a hair outside [0, 1] at 0 of n and n of n.
  return {
    value: share,
    low: Math.max(0, center - halfWidth),
    high: Math.min(1, center + halfWidth),
  };
}
