// Cycle-time reduction: how much faster the agent completes a task than people did, 1 − agent p50 / baseline p50.
// Positive means faster (0.4 = the median task takes 40% less time); negative means slower.
//
// The 95% interval is a percentile bootstrap, made deterministic by a fixed seed: 2,000 times, resample the agent
// completions with replacement (n draws from the n stored durations), take the resample's median, and compute
// 1 − median(agent*) / median(manual*); the interval runs from the 2.5th to the 97.5th percentile of those 2,000
// values. When the baseline is measured from manual completions those are resampled too; when it is a configured
// number it is held fixed, so only the agent side varies. The same data (in any order) always gives the same interval.
//
// Completions are stored only as sketch counts (bucket → count), so "resample n durations" means a multinomial draw
// of n over the buckets, weighted by their counts. Drawing the whole multinomial is unnecessary, though: a
// resample's median depends only on its order statistics at ranks floor((n − 1)/2) and ceil((n − 1)/2), and those
// have a closed form. The r-th smallest (0-based) of n independent uniforms on [0, 1] is Beta(r + 1, n − r)
// distributed, and given it, the next smallest is that value plus (1 − it) × Beta(1, n − r − 1). Mapping a uniform
// order statistic u through the sketch's cumulative counts (the first bucket whose cumulative count reaches u·n)
// gives exactly the r-th smallest of n draws from the bucket weights. So each resampled median costs two Gamma
// draws (Marsaglia–Tsang), one uniform and two binary searches over the buckets: the bootstrap's cost does not grow
// with n, and it is the same resampling distribution as drawing every item, not an approximation of it.
import { quantile, sketchValueReaching, sortSketch, sortedSketchQuantile, type SortedSketch } from "./quantiles";
import { noEstimate, type Interval } from "./wilson";
import { mulberry32, standardNormal } from "../random";

/** Completion durations as sketch bucket → count. */
export type SketchCounts = ReadonlyMap<number, number>;

export interface CycleTimeOptions {
  /**
   * The manual completions a measured baseline was computed from (baselineP50 should be their median); they are
   * resampled alongside the agent's. Leave out when the baseline is a configured number.
   */
  manualCompletions?: SketchCounts;
  resamples?: number;
  seed?: number;
}

export const BOOTSTRAP_RESAMPLES = 2000;
/** Any fixed number does; fixing it is what makes the interval reproducible. */
export const BOOTSTRAP_SEED = 0x7011_6a7e;

/**
 * 1 − agent p50 / baseline p50 with its 95% bootstrap interval; no estimate without agent completions or a positive
 * baseline. An interval bound is null when resamples leave it undefined (a resampled manual median of 0 ms).
 */
export function cycleTimeReduction(
  agent: SketchCounts,
  baselineP50: number | null,
  options: CycleTimeOptions = {},
): Interval {
  const agentSketch = sortSketch(agent);
  const agentP50 = sortedSketchQuantile(agentSketch, 0.5);
  if (agentP50 === null || baselineP50 === null || !(baselineP50 > 0)) return noEstimate();

  const manualSketch = options.manualCompletions ? sortSketch(options.manualCompletions) : null;
  if (manualSketch?.total === 0) {
    throw new RangeError("a measured baseline needs the manual completions it was measured from");
  }
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const seed = options.seed ?? BOOTSTRAP_SEED;
  const key = [resamples, seed, baselineP50, ...[agentSketch, manualSketch].flatMap((s) => (s ? [s.values, s.cumulativeCounts] : []))].join("/");
  const known = intervals.get(key);
  if (known) return { ...known };
  const random = mulberry32(seed);
  const reductions = new Float64Array(resamples);
  for (let i = 0; i < resamples; i++) {
    const agentMedian = resampledMedian(agentSketch, random);
    const baselineMedian = manualSketch ? resampledMedian(manualSketch, random) : baselineP50;
    reductions[i] = 1 - agentMedian / baselineMedian;
  }
  reductions.sort();
  const interval = {
    value: 1 - agentP50 / baselineP50,
    low: finiteOrNull(quantile(reductions, 0.025)),
    high: finiteOrNull(quantile(reductions, 0.975)),
  };
  if (intervals.size >= REMEMBERED_INTERVALS) intervals.delete(intervals.keys().next().value!);
  intervals.set(key, interval);
  return { ...interval };
}

/**
 * Intervals already bootstrapped, keyed by everything one depends on (the sorted sketches, the baseline, resamples
 * and seed), so a hit is the very interval the bootstrap would give again. The bootstrap was the largest part of a
 * portfolio render's CPU (about a quarter, 9 rollouts × 2,000 resamples), and a page's windows end with the last
 * finished week, so the same sketches come back render after render until late events change them. Oldest first out.
 */
const intervals = new Map<string, Interval>();
const REMEMBERED_INTERVALS = 256;

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** The median of n draws with replacement from a sketch of n durations, via its order statistics (see above). */
function resampledMedian(sketch: SortedSketch, random: () => number): number {
  const n = sketch.total;
  const lowerRank = Math.floor((n - 1) / 2);
  const lowerUniform = beta(lowerRank + 1, n - lowerRank, random);
  const lower = sketchValueReaching(sketch, lowerUniform * n);
  if (n % 2 === 1) return lower;
  // Even n: the median is halfway between ranks n/2 − 1 and n/2. The minimum of the n − r − 1 uniforms above the
  // r-th is (1 − u) × Beta(1, n − r − 1), and 1 − V^(1/m) with V uniform is Beta(1, m).
  const upperUniform = lowerUniform + (1 - lowerUniform) * (1 - (1 - random()) ** (1 / (n - lowerRank - 1)));
  const upper = sketchValueReaching(sketch, upperUniform * n);
  return lower + (upper - lower) / 2;
}

function beta(a: number, b: number, random: () => number): number {
  const x = gamma(a, random);
  return x / (x + gamma(b, random));
}

/** Marsaglia & Tsang (2000), valid for shape ≥ 1, which both Beta parameters above always are. */
function gamma(shape: number, random: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

