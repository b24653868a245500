import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { quantile, sketchQuantile, summarizeSketch } from "./quantiles";
import { sketchBucket, ZERO_BUCKET } from "./sketch";

function sketchOf(durationsMs: readonly number[]): Map<number, number> {
  const buckets = new Map<number, number>();
  for (const duration of durationsMs) {
    const bucket = sketchBucket(duration);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  return buckets;
}

describe("quantile", () => {
  // Expectations are numpy.quantile's outputs (default method "linear").
  it.each([
    { values: [1, 2, 3, 4], q: 0, expected: 1 },
    { values: [1, 2, 3, 4], q: 0.25, expected: 1.75 },
    { values: [1, 2, 3, 4], q: 0.5, expected: 2.5 },
    { values: [1, 2, 3, 4], q: 0.9, expected: 3.7 },
    { values: [1, 2, 3, 4], q: 1, expected: 4 },
    { values: [15, 20, 35, 40, 50], q: 0.05, expected: 16 },
    { values: [15, 20, 35, 40, 50], q: 0.3, expected: 23 },
    { values: [15, 20, 35, 40, 50], q: 0.4, expected: 29 },
    { values: [15, 20, 35, 40, 50], q: 0.5, expected: 35 },
    { values: [15, 20, 35, 40, 50], q: 0.9, expected: 46 },
    { values: [7], q: 0.9, expected: 7 },
  ])("$values at q = $q → $expected", ({ values, q, expected }) => {
    expect(quantile(values, q)).toBeCloseTo(expected, 12);
  });

  it("is null for no values", () => {
    expect(quantile([], 0.5)).toBeNull();
  });

  it.each([-0.1, 1.1, Number.NaN])("rejects q = %d", (q) => {
    expect(() => quantile([1, 2], q)).toThrow(RangeError);
  });
});

describe("sketchQuantile", () => {
  it("is null for an empty sketch, including one with only empty buckets", () => {
    expect(sketchQuantile(new Map(), 0.5)).toBeNull();
    expect(sketchQuantile([[100, 0]], 0.5)).toBeNull();
  });

  it("reads durations of 0 ms as exactly 0 and orders them first", () => {
    const buckets = sketchOf([0, 0, 0, 1000]);
    expect(sketchQuantile(buckets, 0.5)).toBe(0);
    expect(sketchQuantile(buckets, 0)).toBe(0);
    expect(buckets.get(ZERO_BUCKET)).toBe(3);
  });

  it("accepts a list of [bucket, count] pairs, in any order, as a Map", () => {
    const buckets = sketchOf([120, 340, 560, 780, 9000, 12000]);
    const pairs = [...buckets].reverse();
    for (const q of [0, 0.3, 0.5, 0.9, 1]) expect(sketchQuantile(pairs, q)).toBe(sketchQuantile(buckets, q));
  });

  it("interpolates between ranks as the exact quantile does", () => {
    // Two far-apart values: the median is halfway between their bucket values, each within 0.5% of the truth.
    const median = sketchQuantile(sketchOf([1000, 3000]), 0.5)!;
    expect(Math.abs(median - 2000) / 2000).toBeLessThan(0.005);
  });

  it("rejects negative and fractional counts", () => {
    expect(() => sketchQuantile([[5, -1]], 0.5)).toThrow(RangeError);
    expect(() => sketchQuantile([[5, 0.5]], 0.5)).toThrow(RangeError);
  });

  it("stays within 1% of the exact quantile on lognormal durations", () => {
    const lognormalDurations = fc
      .record({
        // Medians from a second to an hour, spreads from tight to very skewed, as task durations are.
        logMedian: fc.double({ min: Math.log(1000), max: Math.log(3_600_000), noNaN: true }),
        logSpread: fc.double({ min: 0.1, max: 2.5, noNaN: true }),
        uniformPairs: fc.array(
          fc.tuple(fc.double({ min: Number.EPSILON, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
          { minLength: 1, maxLength: 2000 },
        ),
      })
      .map(({ logMedian, logSpread, uniformPairs }) =>
        uniformPairs.map(([u1, u2]) => {
          // Box–Muller turns the uniform pair into a standard normal.
          const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
          // Durations arrive as whole milliseconds.
          return Math.round(Math.exp(logMedian + logSpread * normal));
        }),
      );
    const level = fc.double({ min: 0, max: 1, noNaN: true });

    fc.assert(
      fc.property(lognormalDurations, fc.array(level, { minLength: 1, maxLength: 5 }), (durations, levels) => {
        const sorted = durations.toSorted((a, b) => a - b);
        const buckets = sketchOf(durations);
        for (const q of [0.5, 0.9, ...levels]) {
          const exact = quantile(sorted, q)!;
          const approximate = sketchQuantile(buckets, q)!;
          expect(Math.abs(approximate - exact)).toBeLessThanOrEqual(0.01 * exact);
        }
      }),
      { seed: 20240601, numRuns: 200 },
    );
  });
});

describe("summarizeSketch", () => {
  it("matches the exact quantiles of the raw durations within 1%", () => {
    const durations = Array.from({ length: 501 }, (_, i) => 1000 + ((i * 7919) % 997) * 37);
    const sorted = durations.toSorted((a, b) => a - b);
    const approximate = summarizeSketch(sketchOf(durations));
    expect(approximate.n).toBe(durations.length);
    for (const [q, value] of [[0.5, approximate.p50!], [0.9, approximate.p90!]] as const) {
      const exact = quantile(sorted, q)!;
      expect(Math.abs(value - exact) / exact).toBeLessThan(0.01);
    }
  });

  it("is empty for an empty sketch", () => {
    expect(summarizeSketch(new Map())).toEqual({ n: 0, p50: null, p90: null });
  });
});
