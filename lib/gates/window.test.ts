import { describe, it, expect } from "vitest";
import { addDays, daysBetween, localDay } from "@/lib/time";
import { scorecardWindow, weeksLeftInWindow } from "./window";

describe("scorecardWindow", () => {
  it.each([
    // 2027-01-03 is the Sunday ending ISO week 2026-W53 (2026 has 53 ISO weeks): the window is W49–W52.
    { case: "across a year end", asOf: "2027-01-03", weeks: 4, from: "2026-11-30", to: "2026-12-28" },
    { case: "in the first ISO week of a year", asOf: "2027-01-04", weeks: 1, from: "2026-12-28", to: "2027-01-04" },
    // A Monday starts its own week, so that week is not yet part of the window.
    { case: "on a Monday", asOf: "2026-11-30", weeks: 4, from: "2026-11-02", to: "2026-11-30" },
    // A Sunday is still inside the unfinished week that began the Monday before.
    { case: "on a Sunday", asOf: "2026-11-29", weeks: 4, from: "2026-10-26", to: "2026-11-23" },
    { case: "for a one-week window", asOf: "2026-11-25", weeks: 1, from: "2026-11-16", to: "2026-11-23" },
    { case: "for the longest window", asOf: "2026-11-25", weeks: 52, from: "2025-11-24", to: "2026-11-23" },
  ])("$case: $asOf, $weeks weeks → [$from, $to)", ({ asOf, weeks, from, to }) => {
    expect(scorecardWindow(asOf, weeks)).toEqual({ from, to });
    expect(daysBetween(from, to)).toBe(7 * weeks);
    // The window ends where the as-of date's own week begins.
    expect(to <= asOf && asOf < addDays(to, 7)).toBe(true);
  });

  it("holds exactly 7·w local days over the end of daylight saving time (Europe/Berlin, 2026-10-25)", () => {
    const { from, to } = scorecardWindow("2026-11-04", 2);
    expect({ from, to }).toEqual({ from: "2026-10-19", to: "2026-11-02" });
    expect(daysBetween(from, to)).toBe(14);
    expect(from <= "2026-10-25" && "2026-10-25" < to).toBe(true);
    // In instants the window is 14 days and one hour long (its first midnight is CEST, UTC+2; its end CET, UTC+1),
    // but it is counted in local days, and the day the clocks go back is one of them like any other.
    expect(localDay(new Date("2026-10-18T22:00:00Z"), "Europe/Berlin")).toBe(from);
    expect(localDay(new Date("2026-10-18T21:59:59Z"), "Europe/Berlin")).toBe("2026-10-18");
    expect(localDay(new Date("2026-11-01T23:00:00Z"), "Europe/Berlin")).toBe(to);
    expect(localDay(new Date("2026-11-01T22:59:59Z"), "Europe/Berlin")).toBe("2026-11-01");
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses %s weeks", (weeks) => {
    expect(() => scorecardWindow("2026-11-25", weeks)).toThrow(RangeError);
  });

  it.each(["2026-02-30", "2026-11-25T00:00:00Z", "25/11/2026", ""])("refuses the as-of date %j", (asOf) => {
    expect(() => scorecardWindow(asOf, 4)).toThrow(RangeError);
  });
});

describe("weeksLeftInWindow", () => {
  // A four-week window for a rollout started on Wednesday 2026-11-04: its first window is the weeks of 2026-11-02,
  // -09, -16 and -23, judged from Monday 2026-11-30 on.
  it.each([
    { case: "in the week the rollout started", asOf: "2026-11-04", startedAt: "2026-11-04", left: 4 },
    { case: "in its third week", asOf: "2026-11-16", startedAt: "2026-11-04", left: 2 },
    { case: "on the Sunday ending its last week", asOf: "2026-11-29", startedAt: "2026-11-04", left: 1 },
    { case: "once the first window is over", asOf: "2026-11-30", startedAt: "2026-11-04", left: 4 },
    { case: "long after", asOf: "2027-06-01", startedAt: "2026-11-04", left: 4 },
    { case: "before the rollout starts", asOf: "2026-11-25", startedAt: "2026-12-10", left: 4 },
    { case: "without a start date", asOf: "2026-11-25", startedAt: null, left: 4 },
  ])("$case: $left", ({ asOf, startedAt, left }) => {
    expect(weeksLeftInWindow(asOf, 4, startedAt)).toBe(left);
  });

  it("refuses what scorecardWindow refuses", () => {
    expect(() => weeksLeftInWindow("2026-02-30", 4, null)).toThrow(RangeError);
    expect(() => weeksLeftInWindow("2026-11-25", 0, "2026-11-04")).toThrow(RangeError);
  });
});
