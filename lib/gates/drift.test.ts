import { describe, it, expect } from "vitest";
import { compareVersions, newcombeDifference, type VersionCounts } from "./drift";

describe("newcombeDifference", () => {
  // Newcombe (1998), table II, method 10.
  it.each([
    { x1: 56, n1: 70, x2: 48, n2: 80, value: 0.2, low: 0.0524, high: 0.3339 },
    { x1: 9, n1: 10, x2: 3, n2: 10, value: 0.6, low: 0.1705, high: 0.809 },
    { x1: 6, n1: 7, x2: 2, n2: 7, value: 4 / 7, low: 0.0582, high: 0.8062 },
    { x1: 5, n1: 56, x2: 0, n2: 29, value: 5 / 56, low: -0.0381, high: 0.1926 },
    { x1: 0, n1: 10, x2: 0, n2: 20, value: 0, low: -0.1611, high: 0.2775 },
    { x1: 10, n1: 10, x2: 0, n2: 20, value: 1, low: 0.6791, high: 1 },
  ])("$x1/$n1 − $x2/$n2 → [$low, $high]", ({ x1, n1, x2, n2, value, low, high }) => {
    const difference = newcombeDifference(x1, n1, x2, n2);
    expect(difference.value).toBeCloseTo(value, 10);
    expect(difference.low).toBeCloseTo(low, 4);
    expect(difference.high).toBeCloseTo(high, 4);
  });

  it("mirrors when the samples swap places", () => {
    const forward = newcombeDifference(56, 70, 48, 80);
    const backward = newcombeDifference(48, 80, 56, 70);
    expect(backward.low).toBeCloseTo(-forward.high!, 12);
    expect(backward.high).toBeCloseTo(-forward.low!, 12);
  });

  it.each([
    [0, 0, 3, 10],
    [3, 10, 0, 0],
  ])("has no estimate when a sample is empty (%d/%d − %d/%d)", (x1, n1, x2, n2) => {
    expect(newcombeDifference(x1, n1, x2, n2)).toEqual({ value: null, low: null, high: null });
  });

  it("refuses more successes than trials", () => {
    expect(() => newcombeDifference(11, 10, 3, 10)).toThrow(RangeError);
  });
});

/** A version whose reviews are `accepted` accepted, `lightEdits` lightly edited and the rest rejected. */
function version(
  label: string,
  counts: { reviews: number; accepted: number; lightEdits?: number; tasks: number; escalatedTasks: number },
): VersionCounts {
  const lightEdits = counts.lightEdits ?? 0;
  const rejected = counts.reviews - counts.accepted - lightEdits;
  return { ...counts, version: label, lightEdits, heavyEdits: 0, rejected };
}

const good = { reviews: 1000, accepted: 900, lightEdits: 30, tasks: 600, escalatedTasks: 60 };
const worse = { reviews: 500, accepted: 380, lightEdits: 25, tasks: 300, escalatedTasks: 90 };

describe("compareVersions", () => {
  it("finds a clear regression on every metric", () => {
    const findings = compareVersions([version("1.4.0", good), version("1.5.0", worse)]);
    const summaries = findings.map(({ metric, newer, older, regression, reason }) => ({ metric, newer, older, regression, reason }));
    expect(summaries).toEqual([
      {
        metric: "precision",
        newer: "1.5.0",
        older: "1.4.0",
        regression: true,
        reason: "precision fell from 0.93 on 1.4.0 to 0.81 on 1.5.0 (difference −0.12 [−0.16, −0.08])",
      },
      {
        metric: "correctionRate",
        newer: "1.5.0",
        older: "1.4.0",
        regression: true,
        reason: "correction rate rose from 0.10 on 1.4.0 to 0.24 on 1.5.0 (difference 0.14 [0.10, 0.18])",
      },
      {
        metric: "escalationRate",
        newer: "1.5.0",
        older: "1.4.0",
        regression: true,
        reason: "escalation rate rose from 0.10 on 1.4.0 to 0.30 on 1.5.0 (difference 0.20 [0.14, 0.26])",
      },
    ]);
    const [precision] = findings;
    expect(precision?.newerValue).toBeCloseTo(0.81, 12);
    expect(precision?.olderValue).toBeCloseTo(0.93, 12);
    expect(precision?.difference.value).toBeCloseTo(-0.12, 12);
  });

  it("finds no regression in a clear improvement", () => {
    const findings = compareVersions([version("1.5.0", good), version("1.4.0", worse)]);
    expect(findings.map(({ regression, reason }) => ({ regression, reason }))).toEqual([
      { regression: false, reason: "precision rose from 0.81 on 1.4.0 to 0.93 on 1.5.0 (difference 0.12 [0.08, 0.16])" },
      { regression: false, reason: "correction rate fell from 0.24 on 1.4.0 to 0.10 on 1.5.0 (difference −0.14 [−0.18, −0.10])" },
      { regression: false, reason: "escalation rate fell from 0.30 on 1.4.0 to 0.10 on 1.5.0 (difference −0.20 [−0.26, −0.14])" },
    ]);
  });

  it("finds no regression in a difference too small to tell from noise, and orders versions numerically", () => {
    const findings = compareVersions([
      version("1.9.0", { reviews: 200, accepted: 186, tasks: 100, escalatedTasks: 10 }),
      version("1.10.0", { reviews: 200, accepted: 182, tasks: 100, escalatedTasks: 12 }),
      // Events without a version cannot be placed in the release order.
      version("", { reviews: 50, accepted: 10, tasks: 10, escalatedTasks: 10 }),
      version("1.2.0", { reviews: 50, accepted: 10, tasks: 10, escalatedTasks: 10 }),
    ]);
    expect(findings.map(({ regression, reason }) => ({ regression, reason }))).toEqual([
      {
        regression: false,
        reason:
          "precision fell from 0.93 on 1.9.0 to 0.91 on 1.10.0 (difference −0.02 [−0.08, 0.03]), too small to tell apart from no change",
      },
      {
        regression: false,
        reason:
          "correction rate rose from 0.07 on 1.9.0 to 0.09 on 1.10.0 (difference 0.02 [−0.03, 0.08]), too small to tell apart from no change",
      },
      {
        regression: false,
        reason:
          "escalation rate rose from 0.10 on 1.9.0 to 0.12 on 1.10.0 (difference 0.02 [−0.07, 0.11]), too small to tell apart from no change",
      },
    ]);
  });

  it("says so when a metric held exactly, or cannot be compared for want of a sample", () => {
    const findings = compareVersions([
      version("2.0.0", { reviews: 200, accepted: 186, tasks: 0, escalatedTasks: 0 }),
      version("2.1.0", { reviews: 200, accepted: 186, tasks: 100, escalatedTasks: 12 }),
    ]);
    expect(findings.map(({ reason }) => reason)).toEqual([
      "precision held at 0.93 on 2.0.0 and 2.1.0 (difference 0.00 [−0.05, 0.05])",
      "correction rate held at 0.07 on 2.0.0 and 2.1.0 (difference 0.00 [−0.05, 0.05])",
      "escalation rate cannot be compared: no tasks on 2.0.0",
    ]);
    expect(findings[2]).toMatchObject({
      newerValue: 0.12,
      olderValue: null,
      difference: { value: null, low: null, high: null },
      regression: false,
    });
  });

  it.each<{ case: string; versions: VersionCounts[] }>([
    { case: "no versions", versions: [] },
    { case: "one version", versions: [version("1.4.0", good)] },
    { case: "one version besides unversioned events", versions: [version("1.4.0", good), version("", worse)] },
  ])("finds nothing with $case", ({ versions }) => {
    expect(compareVersions(versions)).toEqual([]);
  });

  it("refuses a version listed twice", () => {
    expect(() => compareVersions([version("1.4.0", good), version("1.4.0", worse)])).toThrow(RangeError);
  });
});
