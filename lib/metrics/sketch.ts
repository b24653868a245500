// A mergeable, log-bucketed duration sketch (the DDSketch idea): a duration d ≥ 1 ms lands in bucket
// ceil(log_γ d) with γ = (1 + α) / (1 − α), and every value in a bucket is within α of the bucket's representative
// value. Sketches merge by adding counts, so daily rollups combine into any window exactly as the raw data would.
// α = 0.5% keeps interpolated quantiles comfortably inside the promised 1% relative error.
export const SKETCH_RELATIVE_ACCURACY = 0.005;
const GAMMA = (1 + SKETCH_RELATIVE_ACCURACY) / (1 - SKETCH_RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/** Durations of exactly 0 ms get a bucket of their own. */
export const ZERO_BUCKET = -1;

export function sketchBucket(durationMs: number): number {
  if (durationMs <= 0) return ZERO_BUCKET;
  return Math.ceil(Math.log(durationMs) / LOG_GAMMA);
}

/** The value that stands for every duration in a bucket (within α of each of them). */
export function sketchBucketValue(bucket: number): number {
  if (bucket === ZERO_BUCKET) return 0;
  return (2 * GAMMA ** bucket) / (GAMMA + 1);
}
