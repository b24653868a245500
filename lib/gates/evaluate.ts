// Judges one gate criterion against the metrics of a scorecard window. A rate passes only when its whole 95%
// interval is on the right side of the threshold and fails only when the whole interval is on the wrong side; in
// between the data cannot tell yet, and the criterion says so (and roughly how much more data would settle it)
// instead of guessing from the point estimate. Counts are exact, so they pass or fail outright.
import { GATE_PROPORTIONS, type GateTemplateInput } from "@/lib/contract/program";
import type { SeriesPoint } from "@/lib/metrics/report";
import type { Interval } from "@/lib/metrics/wilson";
import { formatCount, formatScore, formatShare, formatWholePercent, pluralize } from "./format";
import { moreToReach, sampleToSettleShare, sitsOnThreshold } from "./settle";

export type CriterionVerdict = "pass" | "fail" | "inconclusive" | "insufficient";

/** What a gate reads: the window's totals, its cycle-time reduction and the cohort size (null when unknown). */
export interface GateMetrics {
  totals: Omit<SeriesPoint, "periodStart">;
  cycleTimeReduction: Interval;
  cohortSize: number | null;
}

export interface CriterionResult {
  metric: string;
  op: ">=" | "<=";
  threshold: number;
  /** The sample the criterion asks for; null when it asks for none. */
  minSample: number | null;
  value: number | null;
  low: number | null;
  high: number | null;
  /** The sample the metric was measured on, which `minSample` is compared with (see `readMetric`). */
  n: number;
  verdict: CriterionVerdict;
  /** The verdict as a sentence for people. */
  reason: string;
}

type GateCriterion = GateTemplateInput["criteria"][number];
type GateProportion = (typeof GATE_PROPORTIONS)[number];
type Totals = GateMetrics["totals"];

interface Noun {
  one: string;
  many: string;
}

/**
 * A criterion's metric as read from the window. `share` and `percent` are interval estimates (written as 0.93 and
 * as 35%); a `count` is exact, with low and high equal to its value.
 */
interface Reading {
  kind: "share" | "percent" | "count" | "score";
  /** The metric as people call it: "precision", or for a count the thing counted ("policy-violation incidents"). */
  name: Noun;
  estimate: Interval;
  n: number;
  /** What `n` counts, e.g. reviews. */
  sample: Noun;
  /** Why there is no estimate, should `estimate.value` be null. */
  noEstimateBecause: string;
  /** The sentence for too small a sample; by default "only 120 of the 150 reviews needed so far". */
  shortfall?: (n: number, minSample: number) => string;
}

const REVIEWS: Noun = { one: "review", many: "reviews" };
const OUTPUTS: Noun = { one: "output", many: "outputs" };
const TASKS: Noun = { one: "task", many: "tasks" };
const AGENT_COMPLETIONS: Noun = { one: "agent completion", many: "agent completions" };
const PEOPLE_IN_COHORT: Noun = { one: "person in the cohort", many: "people in the cohort" };
const RATINGS: Noun = { one: "rating", many: "ratings" };
const CSAT_RESPONSES: Noun = { one: "CSAT response", many: "CSAT responses" };

const same = (word: string): Noun => ({ one: word, many: word });

/** Each proportion's name and the denominator its minimum sample counts. */
const PROPORTIONS: Record<GateProportion, { name: string; sample: Noun; n: (metrics: GateMetrics) => number }> = {
  precision: { name: "precision", sample: REVIEWS, n: ({ totals }) => totals.reviews },
  correctionRate: { name: "correction rate", sample: REVIEWS, n: ({ totals }) => totals.reviews },
  heavyCorrectionRate: { name: "heavy-correction rate", sample: REVIEWS, n: ({ totals }) => totals.reviews },
  reviewCoverage: { name: "review coverage", sample: OUTPUTS, n: ({ totals }) => totals.outputs },
  escalationRate: { name: "escalation rate", sample: TASKS, n: ({ totals }) => totals.tasks },
  adoptionRate: { name: "adoption rate", sample: PEOPLE_IN_COHORT, n: ({ cohortSize }) => cohortSize ?? 0 },
  positiveFeedbackRate: { name: "positive feedback rate", sample: RATINGS, n: ({ totals }) => totals.feedbackRatings },
};

type CountMetric = "outputs" | "reviews" | "tasks" | "activeActors";

const COUNTS: Record<CountMetric, { noun: Noun; count: (totals: Totals) => number }> = {
  outputs: { noun: OUTPUTS, count: (totals) => totals.outputs },
  reviews: { noun: REVIEWS, count: (totals) => totals.reviews },
  tasks: { noun: TASKS, count: (totals) => totals.tasks },
  activeActors: { noun: { one: "active user", many: "active users" }, count: (totals) => totals.activeActors },
};

const INCIDENT_CATEGORY = /^incidents\.([a-z_]+)$/;

function isProportion(metric: string): metric is GateProportion {
  return (GATE_PROPORTIONS as readonly string[]).includes(metric);
}

function isCount(metric: string): metric is CountMetric {
  return Object.hasOwn(COUNTS, metric);
}

function exactly(count: number): Interval {
  return { value: count, low: count, high: count };
}

/**
 * Reads a criterion's metric. What `n` counts, i.e. what a minimum sample asks for, is the metric's denominator:
 * reviews for the review-based rates, outputs for review coverage, tasks for the escalation rate, the cohort size
 * for adoption and agent completions for the cycle-time reduction. A count has no denominator; its `n` is the
 * window's outputs, the exposure it was observed over, so a template can ask for "no severity-1 incident, over at
 * least 500 outputs" and zero incidents in a quiet week need not pass for evidence of safety.
 */
function readMetric(metric: string, metrics: GateMetrics): Reading {
  const { totals } = metrics;
  if (isProportion(metric)) {
    const { name, sample, n } = PROPORTIONS[metric];
    const reading: Reading = {
      kind: "share",
      name: same(name),
      estimate: totals[metric],
      n: n(metrics),
      sample,
      noEstimateBecause: `no ${sample.many} in the window`,
    };
    if (metric !== "adoptionRate") return reading;
    return {
      ...reading,
      noEstimateBecause: metrics.cohortSize === null ? "the cohort size is not configured" : "the cohort is empty",
      shortfall: (n, minSample) =>
        `the cohort has only ${formatCount(n)} of the ${formatCount(minSample)} people needed`,
    };
  }
  if (metric === "cycleTimeReduction") {
    const n = totals.cycleTime.agent.n;
    return {
      kind: "percent",
      name: same("cycle-time reduction"),
      estimate: metrics.cycleTimeReduction,
      n,
      sample: AGENT_COMPLETIONS,
      noEstimateBecause: n === 0 ? "no agent completions in the window" : "no baseline cycle time to compare with",
    };
  }
  if (metric === "csatMean") {
    const { n, ...estimate } = totals.csatMean;
    return { kind: "score", name: same("mean CSAT score"), estimate, n, sample: CSAT_RESPONSES, noEstimateBecause: "no CSAT responses in the window" };
  }
  // A count is always known, so it never needs a reason for having no estimate.
  const exposure = { kind: "count", n: totals.outputs, sample: OUTPUTS, noEstimateBecause: "" } as const;
  if (isCount(metric)) {
    const { noun, count } = COUNTS[metric];
    return { ...exposure, name: noun, estimate: exactly(count(totals)) };
  }
  if (metric === "incidents.severity1") {
    const name = { one: "severity-1 incident", many: "severity-1 incidents" };
    return { ...exposure, name, estimate: exactly(totals.incidents.bySeverity["1"] ?? 0) };
  }
  const category = INCIDENT_CATEGORY.exec(metric)?.[1];
  if (category === undefined) throw new RangeError(`"${metric}" is not a metric a gate criterion can compare`);
  const kind = category.replaceAll("_", "-");
  const name = { one: `${kind} incident`, many: `${kind} incidents` };
  return { ...exposure, name, estimate: exactly(totals.incidents.byCategory[category] ?? 0) };
}

/**
 * Where the interval lies against the threshold. A missing bound (a bootstrap resample with no defined ratio) is
 * taken as unbounded on its side: it can neither pass nor fail the criterion, the other bound still may.
 */
type DecidedVerdict = Exclude<CriterionVerdict, "insufficient">;

function compare(op: GateCriterion["op"], threshold: number, { low, high }: Interval): DecidedVerdict {
  const lowest = low ?? Number.NEGATIVE_INFINITY;
  const highest = high ?? Number.POSITIVE_INFINITY;
  if (op === ">=") return lowest >= threshold ? "pass" : highest < threshold ? "fail" : "inconclusive";
  return highest <= threshold ? "pass" : lowest > threshold ? "fail" : "inconclusive";
}

/**
 * About how many more of the sample, at the current estimate, would make the interval exclude the threshold; null
 * when that cannot be told.
 */
function moreSampleToSettle(reading: Reading, value: number, threshold: number): number | null {
  if (reading.kind === "share") return moreToReach(sampleToSettleShare(value, threshold), reading.n);
  // A bootstrap interval narrows like 1/√n, so the side facing the threshold has to shrink from |p − bound| to
  // |p − t|: n·((p − bound)/(p − t))² completions.
  const gap = value - threshold;
  const boundFacingThreshold = gap > 0 ? reading.estimate.low : reading.estimate.high;
  if (boundFacingThreshold === null) return null;
  return moreToReach(reading.n * ((value - boundFacingThreshold) / gap) ** 2, reading.n);
}

/** The reason for a verdict reached on an estimate (`value` is the reading's, known not to be null). */
function reasonFor(
  reading: Reading,
  value: number,
  op: GateCriterion["op"],
  threshold: number,
  verdict: DecidedVerdict,
): string {
  const { low, high } = reading.estimate;
  // Whether the figure lies above the threshold, for a verdict that was decided (counts always are).
  const above = verdict === "pass" ? op === ">=" : op === "<=";

  if (reading.kind === "count") {
    const figure = `${formatCount(value)} ${pluralize(value, reading.name.one, reading.name.many)}`;
    if (op === ">=") return `${figure}, ${above ? "at or above" : "below"} the ${formatCount(threshold)} threshold`;
    return `${figure}, ${above ? "above" : "within"} the ${formatCount(threshold)} limit`;
  }

  const format = reading.kind === "share" ? formatShare : reading.kind === "score" ? formatScore : formatWholePercent;
  const bound = (end: number | null) => (end === null ? "unknown" : format(end));
  const figure = `${reading.name.one} ${format(value)} [${bound(low)}, ${bound(high)}]`;
  const bar = op === ">=" ? `the ${format(threshold)} threshold` : `the ${format(threshold)} limit`;
  if (verdict !== "inconclusive") return `${figure} is ${above ? "above" : "below"} ${bar}`;
  if (sitsOnThreshold(value, threshold, format)) return `${figure} sits on ${bar}; more ${reading.sample.many} alone may not settle it`;
  const more = moreSampleToSettle(reading, value, threshold);
  const undecided = `${figure} cannot yet be told apart from ${bar}`;
  if (more === null) return `${undecided}; more ${reading.sample.many} should narrow it`;
  const sample = pluralize(more, reading.sample.one, reading.sample.many);
  return `${undecided}; about ${formatCount(more)} more ${sample} would settle it`;
}

export function evaluateCriterion(criterion: GateCriterion, metrics: GateMetrics): CriterionResult {
  const reading = readMetric(criterion.metric, metrics);
  const { op, threshold } = criterion;
  const minSample = criterion.minSample ?? null;
  const { value, low, high } = reading.estimate;
  const result = { metric: criterion.metric, op, threshold, minSample, value, low, high, n: reading.n };
  const label = reading.name.many;

  if (value === null) {
    return { ...result, verdict: "insufficient", reason: `${label}: no estimate yet (${reading.noEstimateBecause})` };
  }
  if (minSample !== null && reading.n < minSample) {
    const needed = `${formatCount(minSample)} ${pluralize(minSample, reading.sample.one, reading.sample.many)}`;
    const shortfall =
      reading.shortfall?.(reading.n, minSample) ?? `only ${formatCount(reading.n)} of the ${needed} needed so far`;
    return { ...result, verdict: "insufficient", reason: `${label}: ${shortfall}` };
  }
  const verdict = compare(op, threshold, reading.estimate);
  return { ...result, verdict, reason: reasonFor(reading, value, op, threshold, verdict) };
}
