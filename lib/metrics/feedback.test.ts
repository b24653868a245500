import { describe, expect, it } from "vitest";
import { csatMean, feedbackMetrics, tQuantile95 } from "./feedback";

describe("feedback metrics", () => {
  it("gives the share of thumbs up with its Wilson interval, and nothing without thumbs", () => {
    const metrics = feedbackMetrics({ positive: 8, negative: 2, csatResponses: 0, csatSum: 0, csatSumSquares: 0 });
    expect(metrics.feedbackRatings).toBe(10);
    expect(metrics.positiveFeedbackRate.value).toBe(0.8);
    expect(metrics.positiveFeedbackRate.low).toBeCloseTo(0.4902, 4);
    expect(metrics.positiveFeedbackRate.high).toBeCloseTo(0.9433, 4);
    expect(feedbackMetrics().positiveFeedbackRate).toEqual({ value: null, low: null, high: null });
    expect(feedbackMetrics().csatMean).toEqual({ value: null, low: null, high: null, n: 0 });
  });

  it("gives the mean CSAT score with a t interval, n and the scale's bounds", () => {
    // Scores 4, 5, 3, 4, 4: mean 4, sample variance 0.5, t(4) = 2.776 → ±0.8779.
    const scores = [4, 5, 3, 4, 4];
    const mean = csatMean(scores.length, scores.reduce((a, b) => a + b), scores.reduce((a, b) => a + b * b, 0));
    expect(mean.value).toBe(4);
    expect(mean.n).toBe(5);
    expect(mean.low).toBeCloseTo(4 - 2.776 * Math.sqrt(0.5 / 5), 6);
    expect(mean.high).toBeCloseTo(4 + 2.776 * Math.sqrt(0.5 / 5), 6);
    // One response says nothing of the spread; bounds never leave 1–5.
    expect(csatMean(1, 5, 25)).toEqual({ value: 5, low: 1, high: 5, n: 1 });
    expect(csatMean(2, 6, 26).low).toBe(1);
  });

  it("uses the t quantile, close to the normal one for large samples", () => {
    expect(tQuantile95(1)).toBe(12.706);
    expect(tQuantile95(30)).toBe(2.042);
    expect(tQuantile95(60)).toBeCloseTo(2.0003, 3);
    expect(tQuantile95(1e6)).toBeCloseTo(1.96, 3);
  });
});
