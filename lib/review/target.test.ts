import { describe, expect, it } from "vitest";
import type { ReviewsStillNeeded } from "@/lib/gates/stillNeeded";
import { weeklyTarget } from "./target";

const needed = (reviews: number | null): ReviewsStillNeeded => ({ metric: "precision", reviews, reason: "" });
const rates = { rate: 0.1, doubleRate: 0.1 };

describe("weeklyTarget", () => {
  // 500 outputs a week at rate 0.1, a tenth of them reviewed twice: 55 reviews a week.
  it.each([
    { case: "the largest need spread over the weeks left", stillNeeded: [190, 1200, null], weeksLeft: 4, target: 300 },
    { case: "rounded up to whole reviews", stillNeeded: [1201], weeksLeft: 4, target: 301 },
    { case: "the whole need in the window's last week", stillNeeded: [190], weeksLeft: 1, target: 190 },
    { case: "never fewer than the sample brings", stillNeeded: [40], weeksLeft: 2, target: 55 },
    { case: "the sample's count when nothing is still needed", stillNeeded: [], weeksLeft: 4, target: 55 },
    { case: "the sample's count when more reviews alone may not settle it", stillNeeded: [null], weeksLeft: 4, target: 55 },
  ])("$case: $target", ({ stillNeeded, weeksLeft, target }) => {
    expect(weeklyTarget({ stillNeeded: stillNeeded.map(needed), weeksLeft, outputsPerWeek: 500, rates })).toBe(target);
  });

  it.each([
    { outputsPerWeek: 1000, rates: { rate: 0.1, doubleRate: 0.1 }, target: 110 },
    { outputsPerWeek: 1000, rates: { rate: 0.1, doubleRate: 0 }, target: 100 },
    { outputsPerWeek: 1000, rates: { rate: 0, doubleRate: 0.5 }, target: 0 },
    { outputsPerWeek: 3, rates: { rate: 0.1, doubleRate: 0 }, target: 0 },
  ])("counts $outputsPerWeek outputs a week at $rates as $target reviews", ({ outputsPerWeek, rates, target }) => {
    expect(weeklyTarget({ stillNeeded: [], weeksLeft: 4, outputsPerWeek, rates })).toBe(target);
  });

  it.each([0, -1, 1.5])("refuses %d weeks left", (weeksLeft) => {
    expect(() => weeklyTarget({ stillNeeded: [], weeksLeft, outputsPerWeek: 500, rates })).toThrow(RangeError);
  });
});
