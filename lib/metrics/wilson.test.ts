import { describe, it, expect } from "vitest";
import { wilson } from "./wilson";

describe("wilson", () => {
  // Expected bounds computed independently from the closed form, rounded to 4 decimals.
  it.each([
    { successes: 8, trials: 10, value: 0.8, low: 0.4902, high: 0.9433 },
    { successes: 0, trials: 10, value: 0, low: 0, high: 0.2775 },
    { successes: 10, trials: 10, value: 1, low: 0.7225, high: 1 },
    { successes: 1, trials: 1, value: 1, low: 0.2065, high: 1 },
    { successes: 50, trials: 100, value: 0.5, low: 0.4038, high: 0.5962 },
    { successes: 3, trials: 30, value: 0.1, low: 0.0346, high: 0.2562 },
  ])("$successes of $trials → [$low, $high]", ({ successes, trials, value, low, high }) => {
    const interval = wilson(successes, trials);
    expect(interval.value).toBe(value);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it("has no estimate without trials", () => {
    expect(wilson(0, 0)).toEqual({ value: null, low: null, high: null });
  });

  it("stays within [0, 1] at the extremes", () => {
    for (const trials of [1, 7, 1000, 1e9]) {
      for (const successes of [0, trials]) {
        const { low, high } = wilson(successes, trials);
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
      }
    }
  });

  it("narrows with a lower z", () => {
    const at95 = wilson(8, 10);
    const at80 = wilson(8, 10, 1.2815515655446004);
    expect(at80.low!).toBeGreaterThan(at95.low!);
    expect(at80.high!).toBeLessThan(at95.high!);
  });

  it.each([
    [11, 10],
    [-1, 10],
    [1, -1],
    [Number.NaN, 10],
  ])("rejects %d of %d", (successes, trials) => {
    expect(() => wilson(successes, trials)).toThrow(RangeError);
  });
});
