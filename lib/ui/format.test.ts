import { describe, expect, it } from "vitest";
import {
  formatAgreement,
  formatBounds,
  formatReviewSources,
  formatCount,
  formatDay,
  formatDuration,
  formatDurationTick,
  formatInstant,
  formatInterval,
  formatPercent,
  formatReduction,
  formatWindow,
} from "./format";
import { formatCount as formatGateCount } from "@/lib/gates/format";
import { formatMetricValue, formatThreshold } from "./labels";
import { matchPreset, presetWindow } from "./windows";
import { filtersQuery, readFilters } from "./workflowFilters";

describe("numbers for people", () => {
  it.each([
    [0.87, "87.0%"],
    [0.8703, "87.0%"],
    [0.99951, "100.0%"],
    [0, "0.0%"],
    [-0.12, "−12.0%"],
    [-0.00001, "0.0%"],
    [null, "—"],
  ])("percent %s → %s", (value, text) => expect(formatPercent(value)).toBe(text));

  it("writes an interval as estimate [low, high]", () => {
    expect(formatInterval({ value: 0.87, low: 0.831, high: 0.904 })).toBe("87.0% [83.1%, 90.4%]");
    expect(formatBounds({ value: 0.87, low: 0.831, high: 0.904 })).toBe("[83.1%, 90.4%]");
    expect(formatInterval({ value: null, low: null, high: null })).toBe("—");
  });

  it.each([
    [0, "0 ms"],
    [850, "850 ms"],
    [42_000, "42 s"],
    [252_000, "4 min 12 s"],
    [240_000, "4 min"],
    [3_900_000, "1 h 5 min"],
    [3_600_000, "1 h"],
    [183_600_000, "2 d 3 h"],
    [null, "—"],
  ])("duration %s → %s", (ms, text) => expect(formatDuration(ms)).toBe(text));

  it("ticks durations compactly", () => {
    expect(formatDurationTick(45_000)).toBe("45 s");
    expect(formatDurationTick(720_000)).toBe("12 min");
    expect(formatDurationTick(5_400_000)).toBe("1.5 h");
  });

  it("says which way a cycle-time reduction goes", () => {
    expect(formatReduction(0.573)).toBe("57.3% faster");
    expect(formatReduction(-0.12)).toBe("12.0% slower");
    expect(formatReduction(null)).toBe("—");
  });

  it("counts with separators", () => {
    expect(formatCount(120000)).toBe("120,000");
    expect(formatCount(-3)).toBe("−3");
  });

  it("writes counts as the gates' reasons do, with no sign on a count that rounds to zero", () => {
    for (const value of [-0.001, -0, 0, 2.5, -3, 1250]) expect(formatCount(value)).toBe(formatGateCount(value));
    expect(formatCount(-0.001)).toBe("0");
  });

  it("formats gate values by the metric's kind", () => {
    expect(formatMetricValue("precision", 0.9)).toBe("90.0%");
    expect(formatMetricValue("incidents.policy_violation", 2)).toBe("2");
    expect(formatThreshold("precision", ">=", 0.9)).toBe("≥ 90.0%");
    expect(formatThreshold("incidents.severity1", "<=", 0)).toBe("≤ 0");
  });
});

describe("dates in the installation timezone", () => {
  it("writes local days as they are, whatever the process zone", () => {
    expect(formatDay("2026-11-23")).toBe("23 Nov 2026");
    expect(formatWindow("2026-10-26", "2026-11-23")).toBe("26 Oct – 22 Nov 2026");
    expect(formatWindow("2025-12-29", "2026-01-05")).toBe("29 Dec 2025 – 4 Jan 2026");
  });

  it("writes instants in the installation timezone, across daylight saving time", () => {
    expect(formatInstant("2026-11-27T09:05:00Z", "Europe/Berlin")).toBe("27 Nov 2026, 10:05 GMT+1");
    expect(formatInstant("2026-07-27T09:05:00Z", "Europe/Berlin")).toBe("27 Jul 2026, 11:05 GMT+2");
    expect(formatInstant("2026-11-27T03:00:00Z", "America/New_York")).toBe("26 Nov 2026, 22:00 GMT-5");
  });
});

describe("date-range presets and URL filters", () => {
  const context = { today: "2026-11-27", rolloutStart: "2026-09-16" };

  it("ends every preset where the current week begins", () => {
    expect(presetWindow("4w", context)).toEqual({ from: "2026-10-26", to: "2026-11-23" });
    expect(presetWindow("12w", context)).toEqual({ from: "2026-08-31", to: "2026-11-23" });
    expect(presetWindow("start", context)).toEqual({ from: "2026-09-16", to: "2026-11-23" });
    expect(presetWindow("start", { today: "2026-11-27", rolloutStart: "2026-11-24" })).toBeNull();
    expect(matchPreset({ from: "2026-10-26", to: "2026-11-23" }, context)).toBe("4w");
    expect(matchPreset({ from: "2026-10-27", to: "2026-11-23" }, context)).toBeNull();
  });

  const filterContext = {
    workflow: "ticket-triage",
    today: "2026-11-27",
    rollouts: [
      { cohort: "support-pilot", startedAt: "2026-09-16" },
      { cohort: "support-department", startedAt: "2026-07-08" },
    ],
    versions: ["1.5.0", "1.4.0"],
  };

  it("reads the filters from the URL and writes them back without the defaults", () => {
    const { filters, notices } = readFilters(new URLSearchParams("cohort=support-pilot&version=1.5.0&range=start"), filterContext);
    expect(notices).toEqual([]);
    expect(filters).toEqual({ cohort: "support-pilot", agentVersion: "1.5.0", range: "start", from: "2026-09-16", to: "2026-11-23" });
    expect(filtersQuery(filters)).toBe("cohort=support-pilot&version=1.5.0&range=start");
    expect(filtersQuery({ ...filters, range: "12w" })).toBe("cohort=support-pilot&version=1.5.0");
    expect(filtersQuery({ ...filters, range: null })).toBe("cohort=support-pilot&version=1.5.0&from=2026-09-16&to=2026-11-23");
  });

  it("falls back to the defaults for what the contract refuses, and says so", () => {
    const { filters, notices } = readFilters(new URLSearchParams("cohort=nope&version=9&from=2026-02-01&to=2026-01-01"), filterContext);
    expect(filters).toEqual({ cohort: null, agentVersion: null, range: "12w", from: "2026-08-31", to: "2026-11-23" });
    expect(notices).toHaveLength(3);
    expect(notices[2]).toContain("to must be a later date than from");
  });
});

describe("review evidence in words", () => {
  it("says where the reviews came from", () => {
    expect(formatReviewSources(154, 120)).toBe("120 from the random sample, 34 sent by integrations");
    expect(formatReviewSources(0, 0)).toBe("0 from the random sample, 0 sent by integrations");
  });

  it("states agreement with n and both intervals, or that nothing was double-reviewed", () => {
    expect(formatAgreement({ n: 0, percentAgreement: { value: null, low: null, high: null }, kappa: { value: null, low: null, high: null } })).toBe(
      "no output was reviewed by two people in this window",
    );
    const text = formatAgreement({ n: 32, percentAgreement: { value: 0.75, low: 0.5787, high: 0.8674 }, kappa: { value: 0.4, low: 0.1, high: 0.7 } });
    expect(text).toBe("75.0% [57.9%, 86.7%] agreement on 32 double-reviewed outputs; Cohen's kappa 0.40 [0.10, 0.70]");
  });
});
