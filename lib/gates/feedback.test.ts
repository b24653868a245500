import { describe, expect, it } from "vitest";
import { seriesPoint } from "@/lib/metrics/report";
import { noEstimate } from "@/lib/metrics/wilson";
import type { FeedbackCounts } from "@/lib/metrics/feedback";
import { evaluateCriterion, type GateMetrics } from "./evaluate";

function withFeedback(feedback: FeedbackCounts, reviews = 0): GateMetrics {
  const { periodStart: _periodStart, ...totals } = seriesPoint(
    {
      periodStart: "2026-11-02",
      outputs: reviews,
      reviews,
      accepted: reviews,
      lightEdits: 0,
      heavyEdits: 0,
      rejected: 0,
      tasks: 0,
      escalatedTasks: 0,
      activeActors: 0,
      incidents: { total: 0, byCategory: {}, bySeverity: {} },
      errorCategories: {},
      agentDurations: new Map(),
      manualDurations: new Map(),
      feedback,
    },
    null,
  );
  return { totals, cycleTimeReduction: noEstimate(), cohortSize: null };
}

const thumbs = (positive: number, negative: number): FeedbackCounts => ({ positive, negative, csatResponses: 0, csatSum: 0, csatSumSquares: 0 });

describe("gate criteria on feedback", () => {
  it("judges the positive feedback rate by its interval, with ratings as its sample", () => {
    const criterion = { metric: "positiveFeedbackRate", op: ">=", threshold: 0.7, minSample: 100 } as const;
    expect(evaluateCriterion(criterion, withFeedback(thumbs(180, 20)))).toMatchObject({ verdict: "pass", n: 200, reason: "positive feedback rate 0.90 [0.85, 0.93] is above the 0.70 threshold" });
    expect(evaluateCriterion(criterion, withFeedback(thumbs(40, 10)))).toMatchObject({ verdict: "insufficient", reason: "positive feedback rate: only 50 of the 100 ratings needed so far" });
    expect(evaluateCriterion(criterion, withFeedback(thumbs(0, 0)))).toMatchObject({ verdict: "insufficient", reason: "positive feedback rate: no estimate yet (no ratings in the window)" });
  });

  it("judges the mean CSAT score by its t interval, with CSAT responses as its sample", () => {
    const criterion = { metric: "csatMean", op: ">=", threshold: 4, minSample: 10 } as const;
    // 40 responses: 30 fives and 10 fours: mean 4.75.
    const good: FeedbackCounts = { positive: 0, negative: 0, csatResponses: 40, csatSum: 190, csatSumSquares: 30 * 25 + 10 * 16 };
    const result = evaluateCriterion(criterion, withFeedback(good));
    expect(result).toMatchObject({ verdict: "pass", n: 40, value: 4.75 });
    expect(result.reason).toMatch(/^mean CSAT score 4\.8 \[4\.6, 4\.9\] is above the 4\.0 threshold$/);
    const unsure: FeedbackCounts = { positive: 0, negative: 0, csatResponses: 12, csatSum: 48, csatSumSquares: 6 * 25 + 6 * 9 };
    expect(evaluateCriterion(criterion, withFeedback(unsure)).verdict).toBe("inconclusive");
  });

  it("never counts feedback as reviews", () => {
    const metrics = withFeedback(thumbs(500, 0));
    expect(metrics.totals.reviews).toBe(0);
    expect(evaluateCriterion({ metric: "precision", op: ">=", threshold: 0.5 }, metrics).verdict).toBe("insufficient");
  });
});
