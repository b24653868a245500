import { describe, expect, it } from "vitest";
import type { GateTemplateInput } from "@/lib/contract/program";
import { seriesPoint } from "@/lib/metrics/report";
import { noEstimate } from "@/lib/metrics/wilson";
import { evaluateCriterion, type GateMetrics } from "./evaluate";
import { reviewsStillNeeded } from "./stillNeeded";

type Criterion = GateTemplateInput["criteria"][number];

/** A window of `reviews` reviews, `acceptable` of them accepted and the rest rejected, and `tasks` tasks. */
function reviewed(acceptable: number, reviews: number, escalatedTasks = 0): GateMetrics {
  const { periodStart: _periodStart, ...totals } = seriesPoint(
    {
      periodStart: "2026-11-02",
      outputs: reviews,
      reviews,
      accepted: acceptable,
      lightEdits: 0,
      heavyEdits: 0,
      rejected: reviews - acceptable,
      tasks: 100,
      escalatedTasks,
      activeActors: 0,
      incidents: { total: 0, byCategory: {}, bySeverity: {} },
      errorCategories: {},
      agentDurations: new Map(),
      manualDurations: new Map(),
    },
    null,
  );
  return { totals, cycleTimeReduction: noEstimate(), cohortSize: null };
}

const stillNeeded = (criterion: Criterion, metrics: GateMetrics) => reviewsStillNeeded([evaluateCriterion(criterion, metrics)]);

describe("reviewsStillNeeded", () => {
  it.each<{ case: string; criterion: Criterion; metrics: GateMetrics; reviews: number | null; reason: string }>([
    {
      // As in the criterion's own reason: 3.84·0.9·0.1/0.03² ≈ 384.1 reviews, 185 more, said as 190.
      case: "an inconclusive precision",
      criterion: { metric: "precision", op: ">=", threshold: 0.9 },
      metrics: reviewed(174, 200),
      reviews: 190,
      reason: "about 190 more reviews would settle it at the current estimate",
    },
    {
      // 110 of 120 (0.917) against 0.9: 3.84·0.09/0.0167² ≈ 1,245 in all, 1,125 more, beyond the 30 to the minimum.
      case: "too few reviews, settled only well past the minimum",
      criterion: { metric: "precision", op: ">=", threshold: 0.9, minSample: 150 },
      metrics: reviewed(110, 120),
      reviews: 1200,
      reason: "about 1,200 more reviews would settle it at the current estimate",
    },
    {
      case: "too few reviews, settled by the minimum sample",
      criterion: { metric: "correctionRate", op: "<=", threshold: 0.2, minSample: 150 },
      metrics: reviewed(60, 120),
      reviews: 30,
      reason: "30 more reviews to reach the minimum sample of 150",
    },
    {
      case: "one review short of the minimum",
      criterion: { metric: "correctionRate", op: "<=", threshold: 0.2, minSample: 121 },
      metrics: reviewed(60, 120),
      reviews: 1,
      reason: "1 more review to reach the minimum sample of 121",
    },
    {
      case: "a precision that sits on the threshold (the demo's 60,000,000)",
      criterion: { metric: "precision", op: ">=", threshold: 0.95, minSample: 200 },
      metrics: reviewed(856, 901),
      reviews: null,
      reason: "the estimate 0.95 sits on the 0.95 threshold; more reviews alone may not settle it",
    },
    {
      case: "a heavy-correction rate on its limit, short of the minimum",
      criterion: { metric: "heavyCorrectionRate", op: "<=", threshold: 0.05, minSample: 1000 },
      metrics: reviewed(856, 901),
      reviews: null,
      reason: "the estimate 0.05 sits on the 0.05 limit; more reviews alone may not settle it",
    },
    {
      case: "no reviews, with a minimum sample",
      criterion: { metric: "precision", op: ">=", threshold: 0.9, minSample: 150 },
      metrics: reviewed(0, 0),
      reviews: 150,
      reason: "at least 150 reviews before it can be judged",
    },
    {
      case: "no reviews and no minimum sample",
      criterion: { metric: "precision", op: ">=", threshold: 0.9 },
      metrics: reviewed(0, 0),
      reviews: null,
      reason: "no reviews yet to estimate from",
    },
  ])("$case", ({ criterion, metrics, reviews, reason }) => {
    expect(stillNeeded(criterion, metrics)).toEqual([{ metric: criterion.metric, reviews, reason }]);
  });

  it("gives the figure the criterion's own reason gives", () => {
    const result = evaluateCriterion({ metric: "precision", op: ">=", threshold: 0.92 }, reviewed(93, 100));
    const [needed] = reviewsStillNeeded([result]);
    expect(result.reason).toContain(`about ${needed!.reviews!.toLocaleString("en-US")} more reviews would settle it`);
  });

  it("leaves out decided criteria and criteria not measured on reviews, keeping the order", () => {
    const metrics = reviewed(174, 200, 30);
    const criteria = (
      [
        // 26 of 200 (0.13) against 0.14: 3.84·0.14·0.86/0.01² ≈ 4,625 in all, 4,426 more, said as 4,500.
        { metric: "heavyCorrectionRate", op: "<=", threshold: 0.14 },
        { metric: "precision", op: ">=", threshold: 0.8 },
        { metric: "correctionRate", op: "<=", threshold: 0.05 },
        { metric: "escalationRate", op: "<=", threshold: 0.3 },
        { metric: "reviewCoverage", op: ">=", threshold: 0.9, minSample: 1000 },
        { metric: "reviews", op: ">=", threshold: 1000 },
        { metric: "precision", op: ">=", threshold: 0.9 },
      ] satisfies Criterion[]
    ).map((criterion) => evaluateCriterion(criterion, metrics));
    expect(criteria.map((criterion) => criterion.verdict)).toEqual(["inconclusive", "pass", "fail", "inconclusive", "insufficient", "fail", "inconclusive"]);
    expect(reviewsStillNeeded(criteria).map(({ metric, reviews }) => ({ metric, reviews }))).toEqual([
      { metric: "heavyCorrectionRate", reviews: 4500 },
      { metric: "precision", reviews: 190 },
    ]);
  });
});
