// Quantiles of durations, exact (from raw values) and approximate (from the log-bucketed sketch). Both use numpy's
// default definition ("linear"): the q-quantile of n sorted values sits at rank h = (n − 1)q and interpolates
// linearly between the values at ranks floor(h) and ceil(h). The sketch reads those two values from its cumulative
// bucket counts; each is within α of the true value, so the interpolated quantile is too (α = 0.5% < the 1% promised).
import { sketchBucketValue } from "./sketch";

/** Sketch contents as bucket → count, either a Map or any list of [bucket, count] pairs. */
export type SketchEntries = ReadonlyMap<number, number> | Iterable<readonly [bucket: number, count: number]>;

/** A sketch ordered by value for rank look-ups: `cumulativeCounts[i]` counts every duration up to `values[i]`. */
export interface SortedSketch {
  values: Float64Array;
  cumulativeCounts: Float64Array;
  total: number;
}

export interface DurationSummary {
  n: number;
  p50: number | null;
  p90: number | null;
}

function assertQuantileLevel(q: number): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile level must be within [0, 1], got ${q}`);
}

/** The q-quantile of ascending values by linear interpolation between closest ranks; null when there are none. */
export function quantile(sortedValues: ArrayLike<number>, q: number): number | null {
  assertQuantileLevel(q);
  const n = sortedValues.length;
  if (n === 0) return null;
  const rank = (n - 1) * q;
  const lowerRank = Math.floor(rank);
  // Both ranks lie within [0, n − 1], so the reads are defined.
  const lower = sortedValues[lowerRank]!;
  const upper = sortedValues[Math.ceil(rank)]!;
  return lower + (rank - lowerRank) * (upper - lower);
}

export function sortSketch(buckets: SketchEntries): SortedSketch {
  const occupied: [value: number, count: number][] = [];
  for (const [bucket, count] of buckets) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`bucket ${bucket} has count ${count}`);
    if (count > 0) occupied.push([sketchBucketValue(bucket), count]);
  }
  // Ordered by representative value rather than bucket number so the zero bucket sorts first whatever its number.
  occupied.sort((a, b) => a[0] - b[0]);
  const values = new Float64Array(occupied.length);
  const cumulativeCounts = new Float64Array(occupied.length);
  let total = 0;
  occupied.forEach(([value, count], index) => {
    total += count;
    values[index] = value;
    cumulativeCounts[index] = total;
  });
  return { values, cumulativeCounts, total };
}

/**
 * The value of the first bucket whose cumulative count reaches `count` (which may be fractional). The duration at
 * 0-based rank r is the one reaching r + 1. Requires 0 < count ≤ total.
 */
export function sketchValueReaching(sketch: SortedSketch, count: number): number {
  const { values, cumulativeCounts } = sketch;
  let low = 0;
  let high = cumulativeCounts.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulativeCounts[middle]! >= count) high = middle;
    else low = middle + 1;
  }
  return values[low]!;
}

/** As `quantile`, on a sketch already sorted (to sort once for several quantiles). */
export function sortedSketchQuantile(sketch: SortedSketch, q: number): number | null {
  assertQuantileLevel(q);
  if (sketch.total === 0) return null;
  const rank = (sketch.total - 1) * q;
  const lowerRank = Math.floor(rank);
  const lower = sketchValueReaching(sketch, lowerRank + 1);
  const upper = sketchValueReaching(sketch, Math.ceil(rank) + 1);
  return lower + (rank - lowerRank) * (upper - lower);
}

/** The q-quantile of the durations a sketch holds, defined as `quantile` is; null when it holds none. */
export function sketchQuantile(buckets: SketchEntries, q: number): number | null {
  return sortedSketchQuantile(sortSketch(buckets), q);
}

/** Count, median and 90th percentile of the durations a sketch holds. */
export function summarizeSketch(buckets: SketchEntries): DurationSummary {
  const sketch = sortSketch(buckets);
  return { n: sketch.total, p50: sortedSketchQuantile(sketch, 0.5), p90: sortedSketchQuantile(sketch, 0.9) };
}
