import { describe, it, expect } from "vitest";
import type { GateTemplateInput } from "@/lib/contract/program";
import type { MetricCounts } from "@/lib/metrics/definitions";
import { seriesPoint, type IncidentCounts } from "@/lib/metrics/report";
import { noEstimate, wilson, type Interval } from "@/lib/metrics/wilson";
import { evaluateCriterion, type GateMetrics } from "./evaluate";

type Criterion = GateTemplateInput["criteria"][number];

/** A window's metrics from counts, through the metrics engine's own `seriesPoint`. */
function windowMetrics(
  counts: Partial<Omit<MetricCounts, "cohortSize">>,
  options: {
    cohortSize?: number | null;
    incidents?: Partial<IncidentCounts>;
    cycleTime?: { reduction: Interval; agentCompletions: number };
  } = {},
): GateMetrics {
  const cohortSize = options.cohortSize ?? null;
  const { periodStart: _periodStart, ...totals } = seriesPoint(
    {
      periodStart: "2026-11-02",
      outputs: 0,
      reviews: 0,
      accepted: 0,
      lightEdits: 0,
      heavyEdits: 0,
      rejected: 0,
      tasks: 0,
      escalatedTasks: 0,
      activeActors: 0,
      ...counts,
      incidents: { total: 0, byCategory: {}, bySeverity: {}, ...options.incidents },
      errorCategories: {},
      agentDurations: new Map(),
      manualDurations: new Map(),
    },
    cohortSize,
  );
  const agentCompletions = options.cycleTime?.agentCompletions ?? 0;
  totals.cycleTime.agent = { n: agentCompletions, p50: null, p90: null };
  return { totals, cycleTimeReduction: options.cycleTime?.reduction ?? noEstimate(), cohortSize };
}

/** `accepted` of `reviews` accepted as they were, the rest rejected. */
const reviewed = (accepted: number, reviews: number) => ({ outputs: reviews, reviews, accepted, rejected: reviews - accepted });

describe("evaluateCriterion: verdicts and their reasons", () => {
  it.each<{ case: string; criterion: Criterion; metrics: GateMetrics; verdict: string; reason: string }>([
    {
      case: "a precision clear of the threshold",
      criterion: { metric: "precision", op: ">=", threshold: 0.9, minSample: 150 },
      metrics: windowMetrics(reviewed(950, 1000)),
      verdict: "pass",
      reason: "precision 0.95 [0.93, 0.96] is above the 0.90 threshold",
    },
    {
      case: "a precision wholly below the threshold",
      criterion: { metric: "precision", op: ">=", threshold: 0.9 },
      metrics: windowMetrics(reviewed(800, 1000)),
      verdict: "fail",
      reason: "precision 0.80 [0.77, 0.82] is below the 0.90 threshold",
    },
    {
      case: "an escalation rate over its limit",
      criterion: { metric: "escalationRate", op: "<=", threshold: 0.3 },
      metrics: windowMetrics({ tasks: 400, escalatedTasks: 164 }),
      verdict: "fail",
      reason: "escalation rate 0.41 [0.36, 0.46] is above the 0.30 limit",
    },
    {
      case: "an escalation rate under its limit",
      criterion: { metric: "escalationRate", op: "<=", threshold: 0.3 },
      metrics: windowMetrics({ tasks: 400, escalatedTasks: 80 }),
      verdict: "pass",
      reason: "escalation rate 0.20 [0.16, 0.24] is below the 0.30 limit",
    },
    {
      // 0.87 of 200: the Wilson bound reaches 0.90 at 3.84·0.9·0.1/0.03² ≈ 384.1 reviews, 185 more, said as 190.
      case: "a precision that cannot be told apart from the threshold",
      criterion: { metric: "precision", op: ">=", threshold: 0.9 },
      metrics: windowMetrics(reviewed(174, 200)),
      verdict: "inconclusive",
      reason:
        "precision 0.87 [0.82, 0.91] cannot yet be told apart from the 0.90 threshold; about 190 more reviews would settle it",
    },
    {
      // 10 of 10: the interval around a share of 1 still narrows with more reviews, 35 in all.
      case: "a perfect precision on too few reviews",
      criterion: { metric: "precision", op: ">=", threshold: 0.9 },
      metrics: windowMetrics(reviewed(10, 10)),
      verdict: "inconclusive",
      reason:
        "precision 1.00 [0.72, 1.00] cannot yet be told apart from the 0.90 threshold; about 25 more reviews would settle it",
    },
    {
      case: "a precision that sits on the threshold",
      criterion: { metric: "precision", op: ">=", threshold: 0.9 },
      metrics: windowMetrics(reviewed(180, 200)),
      verdict: "inconclusive",
      reason: "precision 0.90 [0.85, 0.93] sits on the 0.90 threshold; more reviews alone may not settle it",
    },
    {
      case: "an escalation rate near its limit, counted in tasks",
      criterion: { metric: "escalationRate", op: "<=", threshold: 0.3 },
      metrics: windowMetrics({ tasks: 100, escalatedTasks: 27 }),
      verdict: "inconclusive",
      reason:
        "escalation rate 0.27 [0.19, 0.36] cannot yet be told apart from the 0.30 limit; about 800 more tasks would settle it",
    },
    {
      case: "an adoption rate near its threshold, counted in people",
      criterion: { metric: "adoptionRate", op: ">=", threshold: 0.4 },
      metrics: windowMetrics({ activeActors: 18 }, { cohortSize: 40 }),
      verdict: "inconclusive",
      reason:
        "adoption rate 0.45 [0.31, 0.60] cannot yet be told apart from the 0.40 threshold; about 330 more people in the cohort would settle it",
    },
    {
      case: "too few reviews",
      criterion: { metric: "precision", op: ">=", threshold: 0.9, minSample: 150 },
      metrics: windowMetrics(reviewed(110, 120)),
      verdict: "insufficient",
      reason: "precision: only 120 of the 150 reviews needed so far",
    },
    {
      case: "no reviews at all",
      criterion: { metric: "correctionRate", op: "<=", threshold: 0.2, minSample: 150 },
      metrics: windowMetrics({ outputs: 40 }),
      verdict: "insufficient",
      reason: "correction rate: no estimate yet (no reviews in the window)",
    },
    {
      case: "no outputs for review coverage",
      criterion: { metric: "reviewCoverage", op: ">=", threshold: 0.95 },
      metrics: windowMetrics({}),
      verdict: "insufficient",
      reason: "review coverage: no estimate yet (no outputs in the window)",
    },
    {
      case: "an adoption rate without a cohort size",
      criterion: { metric: "adoptionRate", op: ">=", threshold: 0.4 },
      metrics: windowMetrics({ activeActors: 18 }),
      verdict: "insufficient",
      reason: "adoption rate: no estimate yet (the cohort size is not configured)",
    },
    {
      case: "too small a cohort",
      criterion: { metric: "adoptionRate", op: ">=", threshold: 0.4, minSample: 50 },
      metrics: windowMetrics({ activeActors: 30 }, { cohortSize: 40 }),
      verdict: "insufficient",
      reason: "adoption rate: the cohort has only 40 of the 50 people needed",
    },
  ])("$case: $verdict", ({ criterion, metrics, verdict, reason }) => {
    const result = evaluateCriterion(criterion, metrics);
    expect(result.verdict).toBe(verdict);
    expect(result.reason).toBe(reason);
  });
});

describe("evaluateCriterion: the result", () => {
  it("carries the criterion, the estimate and the sample it was judged on", () => {
    const result = evaluateCriterion(
      { metric: "precision", op: ">=", threshold: 0.9, minSample: 150 },
      windowMetrics({ ...reviewed(900, 1000), lightEdits: 50, rejected: 50 }),
    );
    expect(result).toEqual({
      metric: "precision",
      op: ">=",
      threshold: 0.9,
      minSample: 150,
      ...wilson(950, 1000),
      n: 1000,
      verdict: "pass",
      reason: "precision 0.95 [0.93, 0.96] is above the 0.90 threshold",
    });
  });

  it("reports a missing minimum sample as null", () => {
    expect(evaluateCriterion({ metric: "outputs", op: ">=", threshold: 1 }, windowMetrics({ outputs: 3 })).minSample).toBeNull();
  });

  it.each<{ metric: string; metrics: GateMetrics; n: number }>([
    { metric: "precision", metrics: windowMetrics({ ...reviewed(90, 100), outputs: 500 }), n: 100 },
    { metric: "correctionRate", metrics: windowMetrics({ ...reviewed(90, 100), outputs: 500 }), n: 100 },
    { metric: "heavyCorrectionRate", metrics: windowMetrics({ ...reviewed(90, 100), outputs: 500 }), n: 100 },
    { metric: "reviewCoverage", metrics: windowMetrics({ ...reviewed(90, 100), outputs: 500 }), n: 500 },
    { metric: "escalationRate", metrics: windowMetrics({ outputs: 500, tasks: 70, escalatedTasks: 7 }), n: 70 },
    { metric: "adoptionRate", metrics: windowMetrics({ activeActors: 12 }, { cohortSize: 40 }), n: 40 },
    { metric: "adoptionRate", metrics: windowMetrics({ activeActors: 12 }), n: 0 },
    {
      metric: "cycleTimeReduction",
      metrics: windowMetrics(
        { outputs: 500 },
        { cycleTime: { reduction: { value: 0.3, low: 0.2, high: 0.4 }, agentCompletions: 64 } },
      ),
      n: 64,
    },
    // Counts have no denominator: their sample is the outputs they were observed over.
    { metric: "incidents.severity1", metrics: windowMetrics({ outputs: 500, tasks: 70 }), n: 500 },
    { metric: "activeActors", metrics: windowMetrics({ outputs: 500, activeActors: 12 }), n: 500 },
  ])("counts the sample of $metric as $n", ({ metric, metrics, n }) => {
    expect(evaluateCriterion({ metric, op: ">=", threshold: 0 }, metrics).n).toBe(n);
  });

  it("refuses a metric no gate can compare", () => {
    expect(() => evaluateCriterion({ metric: "happiness", op: ">=", threshold: 1 }, windowMetrics({}))).toThrow(RangeError);
  });
});

describe("evaluateCriterion: boundaries", () => {
  const metrics = windowMetrics(reviewed(174, 200));
  const { low, high } = wilson(174, 200);

  it.each<{ case: string; criterion: Criterion; verdict: string }>([
    { case: "low exactly at a >= threshold passes", criterion: { metric: "precision", op: ">=", threshold: low! }, verdict: "pass" },
    {
      case: "low a hair under a >= threshold is inconclusive",
      criterion: { metric: "precision", op: ">=", threshold: low! + 1e-12 },
      verdict: "inconclusive",
    },
    { case: "high exactly at a >= threshold is inconclusive", criterion: { metric: "precision", op: ">=", threshold: high! }, verdict: "inconclusive" },
    {
      case: "high a hair under a >= threshold fails",
      criterion: { metric: "precision", op: ">=", threshold: high! + 1e-12 },
      verdict: "fail",
    },
    { case: "high exactly at a <= limit passes", criterion: { metric: "precision", op: "<=", threshold: high! }, verdict: "pass" },
    {
      case: "high a hair over a <= limit is inconclusive",
      criterion: { metric: "precision", op: "<=", threshold: high! - 1e-12 },
      verdict: "inconclusive",
    },
    { case: "low exactly at a <= limit is inconclusive", criterion: { metric: "precision", op: "<=", threshold: low! }, verdict: "inconclusive" },
    {
      case: "low a hair over a <= limit fails",
      criterion: { metric: "precision", op: "<=", threshold: low! - 1e-12 },
      verdict: "fail",
    },
    {
      case: "n exactly at the minimum sample is enough",
      criterion: { metric: "precision", op: ">=", threshold: 0.5, minSample: 200 },
      verdict: "pass",
    },
    {
      case: "n one below the minimum sample is not",
      criterion: { metric: "precision", op: ">=", threshold: 0.5, minSample: 201 },
      verdict: "insufficient",
    },
    { case: "a minimum sample of 0 asks for nothing", criterion: { metric: "precision", op: ">=", threshold: 0.5, minSample: 0 }, verdict: "pass" },
  ])("$case", ({ criterion, verdict }) => {
    expect(evaluateCriterion(criterion, metrics).verdict).toBe(verdict);
  });

  it("has no estimate, and so too little data, whatever the minimum sample", () => {
    for (const minSample of [undefined, 0, 10]) {
      const result = evaluateCriterion({ metric: "precision", op: ">=", threshold: 0.5, minSample }, windowMetrics({}));
      expect(result).toMatchObject({ verdict: "insufficient", value: null, low: null, high: null, n: 0 });
    }
  });
});

describe("evaluateCriterion: counts", () => {
  const incidents = (byCategory: Record<string, number>, bySeverity: Record<string, number> = {}) =>
    windowMetrics({ outputs: 1250, reviews: 300, tasks: 90, activeActors: 12 }, { incidents: { byCategory, bySeverity } });

  it.each<{ case: string; criterion: Criterion; metrics: GateMetrics; verdict: string; reason: string }>([
    {
      case: "0 <= 0",
      criterion: { metric: "incidents.policy_violation", op: "<=", threshold: 0 },
      metrics: incidents({}),
      verdict: "pass",
      reason: "0 policy-violation incidents, within the 0 limit",
    },
    {
      case: "1 <= 0",
      criterion: { metric: "incidents.policy_violation", op: "<=", threshold: 0 },
      metrics: incidents({ policy_violation: 1 }),
      verdict: "fail",
      reason: "1 policy-violation incident, above the 0 limit",
    },
    {
      case: "3 <= 3",
      criterion: { metric: "incidents.hallucinated_fact", op: "<=", threshold: 3 },
      metrics: incidents({ hallucinated_fact: 3, other: 7 }),
      verdict: "pass",
      reason: "3 hallucinated-fact incidents, within the 3 limit",
    },
    {
      case: "severity 1 counted from the severities",
      criterion: { metric: "incidents.severity1", op: "<=", threshold: 0 },
      metrics: incidents({ permission_failure: 2 }, { "1": 2, "3": 5 }),
      verdict: "fail",
      reason: "2 severity-1 incidents, above the 0 limit",
    },
    {
      case: "no severity-1 entry at all",
      criterion: { metric: "incidents.severity1", op: "<=", threshold: 0 },
      metrics: incidents({ other: 1 }, { "3": 1 }),
      verdict: "pass",
      reason: "0 severity-1 incidents, within the 0 limit",
    },
    {
      case: "outputs at a >= threshold",
      criterion: { metric: "outputs", op: ">=", threshold: 1250 },
      metrics: incidents({}),
      verdict: "pass",
      reason: "1,250 outputs, at or above the 1,250 threshold",
    },
    {
      case: "active users under a >= threshold",
      criterion: { metric: "activeActors", op: ">=", threshold: 13 },
      metrics: incidents({}),
      verdict: "fail",
      reason: "12 active users, below the 13 threshold",
    },
    {
      case: "a count over too little exposure",
      criterion: { metric: "incidents.severity1", op: "<=", threshold: 0, minSample: 2000 },
      metrics: incidents({}),
      verdict: "insufficient",
      reason: "severity-1 incidents: only 1,250 of the 2,000 outputs needed so far",
    },
  ])("$case: $verdict", ({ criterion, metrics, verdict, reason }) => {
    const result = evaluateCriterion(criterion, metrics);
    expect(result.verdict).toBe(verdict);
    expect(result.reason).toBe(reason);
    expect(result.low).toBe(result.value);
    expect(result.high).toBe(result.value);
  });
});

describe("evaluateCriterion: cycle-time reduction", () => {
  const cycleTime = (reduction: Interval, agentCompletions = 50) => windowMetrics({ outputs: 400 }, { cycleTime: { reduction, agentCompletions } });

  it.each<{ case: string; criterion: Criterion; metrics: GateMetrics; verdict: string; reason: string }>([
    {
      case: "clearly faster",
      criterion: { metric: "cycleTimeReduction", op: ">=", threshold: 0.25, minSample: 30 },
      metrics: cycleTime({ value: 0.354, low: 0.28, high: 0.42 }),
      verdict: "pass",
      reason: "cycle-time reduction 35% [28%, 42%] is above the 25% threshold",
    },
    {
      case: "slower than the people were",
      criterion: { metric: "cycleTimeReduction", op: ">=", threshold: 0.25 },
      metrics: cycleTime({ value: -0.12, low: -0.2, high: -0.05 }),
      verdict: "fail",
      reason: "cycle-time reduction −12% [−20%, −5%] is below the 25% threshold",
    },
    {
      // The lower side must shrink from 10 to 5 points: four times the 50 completions, 150 more.
      case: "not yet told apart",
      criterion: { metric: "cycleTimeReduction", op: ">=", threshold: 0.25 },
      metrics: cycleTime({ value: 0.3, low: 0.2, high: 0.4 }),
      verdict: "inconclusive",
      reason:
        "cycle-time reduction 30% [20%, 40%] cannot yet be told apart from the 25% threshold; about 150 more agent completions would settle it",
    },
    {
      case: "a missing bound on the side facing the threshold",
      criterion: { metric: "cycleTimeReduction", op: ">=", threshold: 0.25 },
      metrics: cycleTime({ value: 0.3, low: null, high: 0.4 }),
      verdict: "inconclusive",
      reason:
        "cycle-time reduction 30% [unknown, 40%] cannot yet be told apart from the 25% threshold; more agent completions should narrow it",
    },
    {
      case: "a missing bound that the other bound still decides",
      criterion: { metric: "cycleTimeReduction", op: ">=", threshold: 0.25 },
      metrics: cycleTime({ value: 0.1, low: null, high: 0.2 }),
      verdict: "fail",
      reason: "cycle-time reduction 10% [unknown, 20%] is below the 25% threshold",
    },
    {
      case: "too few agent completions",
      criterion: { metric: "cycleTimeReduction", op: ">=", threshold: 0.25, minSample: 30 },
      metrics: cycleTime({ value: 0.5, low: 0.3, high: 0.6 }, 12),
      verdict: "insufficient",
      reason: "cycle-time reduction: only 12 of the 30 agent completions needed so far",
    },
    {
      case: "no agent completions",
      criterion: { metric: "cycleTimeReduction", op: ">=", threshold: 0.25 },
      metrics: cycleTime(noEstimate(), 0),
      verdict: "insufficient",
      reason: "cycle-time reduction: no estimate yet (no agent completions in the window)",
    },
    {
      case: "no baseline",
      criterion: { metric: "cycleTimeReduction", op: ">=", threshold: 0.25 },
      metrics: cycleTime(noEstimate(), 80),
      verdict: "insufficient",
      reason: "cycle-time reduction: no estimate yet (no baseline cycle time to compare with)",
    },
  ])("$case: $verdict", ({ criterion, metrics, verdict, reason }) => {
    const result = evaluateCriterion(criterion, metrics);
    expect(result.verdict).toBe(verdict);
    expect(result.reason).toBe(reason);
  });
});

describe("evaluateCriterion: how much more data would settle it", () => {
  // The promise behind "about N more reviews": at the same share, n + N reviews give a Wilson interval that
  // excludes the threshold.
  it.each([
    { accepted: 174, reviews: 200, threshold: 0.9 },
    { accepted: 10, reviews: 10, threshold: 0.9 },
    { accepted: 93, reviews: 100, threshold: 0.92 },
    { accepted: 7, reviews: 20, threshold: 0.3 },
  ])("$accepted of $reviews against $threshold", ({ accepted, reviews, threshold }) => {
    const { reason } = evaluateCriterion({ metric: "precision", op: ">=", threshold }, windowMetrics(reviewed(accepted, reviews)));
    const more = Number(/about ([\d,]+) more/.exec(reason)?.[1]?.replace(",", ""));
    const share = accepted / reviews;
    const excludes = (trials: number) => {
      const { low, high } = wilson(share * trials, trials);
      return low! >= threshold || high! < threshold;
    };
    expect(excludes(reviews)).toBe(false);
    expect(excludes(reviews + more)).toBe(true);
  });
});

describe("evaluateCriterion: an estimate that reads the same as its threshold", () => {
  // The demo scorecard once said "about 60,000,000 more reviews would settle it" for precision 856 of 901 (0.95006)
  // against 0.95: the estimate, printed as 0.95, sits on the threshold for anyone reading it.
  it.each<{ case: string; criterion: Criterion; metrics: GateMetrics; reason: string }>([
    {
      case: "precision 856 of 901 against 0.95",
      criterion: { metric: "precision", op: ">=", threshold: 0.95, minSample: 200 },
      metrics: windowMetrics(reviewed(856, 901)),
      reason: "precision 0.95 [0.93, 0.96] sits on the 0.95 threshold; more reviews alone may not settle it",
    },
    {
      case: "heavy corrections 45 of 901 against 0.05",
      criterion: { metric: "heavyCorrectionRate", op: "<=", threshold: 0.05, minSample: 200 },
      metrics: windowMetrics(reviewed(856, 901)),
      reason: "heavy-correction rate 0.05 [0.04, 0.07] sits on the 0.05 limit; more reviews alone may not settle it",
    },
    {
      case: "a share just under the threshold, printed the same",
      criterion: { metric: "precision", op: ">=", threshold: 0.9 },
      metrics: windowMetrics(reviewed(1791, 2000)),
      reason: "precision 0.90 [0.88, 0.91] sits on the 0.90 threshold; more reviews alone may not settle it",
    },
    {
      case: "a cycle-time reduction of 25.2% against 25%",
      criterion: { metric: "cycleTimeReduction", op: ">=", threshold: 0.25 },
      metrics: windowMetrics({ outputs: 400 }, { cycleTime: { reduction: { value: 0.252, low: 0.2, high: 0.3 }, agentCompletions: 50 } }),
      reason: "cycle-time reduction 25% [20%, 30%] sits on the 25% threshold; more agent completions alone may not settle it",
    },
    {
      // 0.956 against 0.95: 3.84·0.95·0.05/0.006² ≈ 5,067 reviews in all, 4,067 more, said as 4,100.
      case: "a share printed apart from the threshold still gets its figure",
      criterion: { metric: "precision", op: ">=", threshold: 0.95 },
      metrics: windowMetrics(reviewed(956, 1000)),
      reason:
        "precision 0.96 [0.94, 0.97] cannot yet be told apart from the 0.95 threshold; about 4,100 more reviews would settle it",
    },
  ])("$case", ({ criterion, metrics, reason }) => {
    const result = evaluateCriterion(criterion, metrics);
    expect(result.verdict).toBe("inconclusive");
    expect(result.reason).toBe(reason);
  });
});
