import { describe, it, expect } from "vitest";
import { cycleTimeReduction, type SketchCounts } from "./cycleTime";
import { quantile, sketchQuantile } from "./quantiles";
import { sketchBucket, sketchBucketValue } from "./sketch";
import { mulberry32 } from "../random";

function sketchOf(durationsMs: readonly number[]): Map<number, number> {
  const buckets = new Map<number, number>();
  for (const duration of durationsMs) {
    const bucket = sketchBucket(duration);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  return buckets;
}

function lognormalSketch(n: number, medianMs: number, logSpread: number, seed: number): Map<number, number> {
  const random = mulberry32(seed);
  const durations = Array.from({ length: n }, () => {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.round(medianMs * Math.exp(logSpread * normal));
  });
  return sketchOf(durations);
}

/** The textbook bootstrap: draw n stored durations one by one, sort, take the median. */
function itemByItemInterval(agent: SketchCounts, baselineP50: number, manual: SketchCounts | null, resamples: number) {
  const random = mulberry32(99);
  const expand = (sketch: SketchCounts) =>
    [...sketch].flatMap(([bucket, count]) => Array<number>(count).fill(sketchBucketValue(bucket)));
  const resampledMedian = (items: number[]) =>
    quantile(
      Array.from(items, () => items[Math.floor(random() * items.length)]!).sort((a, b) => a - b),
      0.5,
    )!;
  const agentItems = expand(agent);
  const manualItems = manual ? expand(manual) : null;
  const reductions = Array.from(
    { length: resamples },
    () => 1 - resampledMedian(agentItems) / (manualItems ? resampledMedian(manualItems) : baselineP50),
  ).sort((a, b) => a - b);
  return { low: quantile(reductions, 0.025)!, high: quantile(reductions, 0.975)! };
}

const agent = lognormalSketch(400, 60_000, 0.8, 1);
const manual = lognormalSketch(300, 100_000, 0.8, 2);
const manualP50 = sketchQuantile(manual, 0.5)!;

describe("cycleTimeReduction", () => {
  it.each([
    { name: "no agent completions", agent: new Map<number, number>(), baseline: 1000 },
    { name: "no baseline", agent, baseline: null },
    { name: "a zero baseline", agent, baseline: 0 },
  ])("has no estimate with $name", ({ agent: agentCompletions, baseline }) => {
    expect(cycleTimeReduction(agentCompletions, baseline)).toEqual({ value: null, low: null, high: null });
  });

  it("is 1 − agent p50 / baseline p50", () => {
    expect(cycleTimeReduction(agent, 100_000).value).toBe(1 - sketchQuantile(agent, 0.5)! / 100_000);
    expect(cycleTimeReduction(agent, manualP50, { manualCompletions: manual }).value).toBe(
      1 - sketchQuantile(agent, 0.5)! / manualP50,
    );
  });

  it("is negative when the agent is slower", () => {
    const { value, low, high } = cycleTimeReduction(agent, 30_000);
    expect(value!).toBeLessThan(0);
    expect(low!).toBeLessThan(value!);
    expect(high!).toBeGreaterThan(value!);
  });

  it("gives the identical interval for the same data, whatever the bucket order", () => {
    const first = cycleTimeReduction(agent, manualP50, { manualCompletions: manual });
    const again = cycleTimeReduction(new Map([...agent].reverse()), manualP50, {
      manualCompletions: new Map([...manual].reverse()),
    });
    expect(again).toEqual(first);
    expect(cycleTimeReduction(agent, 100_000)).toEqual(cycleTimeReduction(agent, 100_000));
  });

  it("depends on the seed only through Monte Carlo noise", () => {
    const fixedSeed = cycleTimeReduction(agent, manualP50, { manualCompletions: manual });
    const otherSeed = cycleTimeReduction(agent, manualP50, { manualCompletions: manual, seed: 12345 });
    expect(otherSeed).not.toEqual(fixedSeed);
    expect(otherSeed.low!).toBeCloseTo(fixedSeed.low!, 1);
    expect(otherSeed.high!).toBeCloseTo(fixedSeed.high!, 1);
  });

  it.each([
    { n: 1, medianMs: 5_000, baseline: 10_000, measured: false },
    { n: 7, medianMs: 5_000, baseline: 10_000, measured: true },
    { n: 50, medianMs: 40_000, baseline: 60_000, measured: false },
    { n: 50, medianMs: 40_000, baseline: 60_000, measured: true },
    { n: 5_000, medianMs: 90_000, baseline: 60_000, measured: true },
  ])("contains its value (n = $n, measured baseline: $measured)", ({ n, medianMs, baseline, measured }) => {
    const agentCompletions = lognormalSketch(n, medianMs, 1, n);
    const manualCompletions = lognormalSketch(n, baseline, 1, n + 1);
    const options = measured ? { manualCompletions } : {};
    const baselineP50 = measured ? sketchQuantile(manualCompletions, 0.5)! : baseline;
    const { value, low, high } = cycleTimeReduction(agentCompletions, baselineP50, options);
    expect(low!).toBeLessThanOrEqual(value!);
    expect(high!).toBeGreaterThanOrEqual(value!);
  });

  it("is a single point for a single completion against a configured baseline", () => {
    const { value, low, high } = cycleTimeReduction(sketchOf([4000]), 10_000);
    expect(low).toBe(value);
    expect(high).toBe(value);
  });

  it("spans the two completions' reductions for two completions (a quarter of resamples draw each twice)", () => {
    const fast = sketchBucketValue(sketchBucket(2000));
    const slow = sketchBucketValue(sketchBucket(6000));
    const { value, low, high } = cycleTimeReduction(sketchOf([2000, 6000]), 10_000);
    expect(value).toBeCloseTo(1 - (fast + slow) / 2 / 10_000, 12);
    expect(low).toBe(1 - slow / 10_000);
    expect(high).toBe(1 - fast / 10_000);
  });

  it("narrows with more data", () => {
    const width = (n: number) => {
      const { low, high } = cycleTimeReduction(lognormalSketch(n, 60_000, 0.8, 3), 100_000);
      return high! - low!;
    };
    expect(width(10_000)).toBeLessThan(width(1_000));
    expect(width(1_000)).toBeLessThan(width(100));
  });

  it("is wider when the baseline is measured than when the same baseline is configured", () => {
    const configured = cycleTimeReduction(agent, manualP50);
    const measured = cycleTimeReduction(agent, manualP50, { manualCompletions: manual });
    expect(configured.value).toBe(measured.value);
    expect(measured.high! - measured.low!).toBeGreaterThan(configured.high! - configured.low!);
  });

  it.each([
    { name: "odd n, configured baseline", agentN: 201, manualN: null },
    { name: "even n, configured baseline", agentN: 200, manualN: null },
    { name: "measured baseline", agentN: 151, manualN: 120 },
  ])("matches the item-by-item bootstrap ($name)", ({ agentN, manualN }) => {
    const agentCompletions = lognormalSketch(agentN, 60_000, 0.8, agentN);
    const manualCompletions = manualN === null ? null : lognormalSketch(manualN, 100_000, 0.8, manualN);
    const baselineP50 = manualCompletions ? sketchQuantile(manualCompletions, 0.5)! : 100_000;
    const shortcut = cycleTimeReduction(agentCompletions, baselineP50, {
      ...(manualCompletions ? { manualCompletions } : {}),
      resamples: 20_000,
    });
    const textbook = itemByItemInterval(agentCompletions, baselineP50, manualCompletions, 20_000);
    expect(Math.abs(shortcut.low! - textbook.low)).toBeLessThan(0.01);
    expect(Math.abs(shortcut.high! - textbook.high)).toBeLessThan(0.01);
  });

  it("rejects a measured baseline without the manual completions", () => {
    expect(() => cycleTimeReduction(agent, 100_000, { manualCompletions: new Map() })).toThrow(RangeError);
  });
});
