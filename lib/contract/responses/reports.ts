// What the read API answers: metrics over a window, cohorts side by side, the registry, scorecards and decisions.
import { z } from "zod";
import { CHECKLIST_ITEMS, PHASES, TIERS } from "@/lib/contract/vocabulary";
import { CHECKLIST_STATUSES, DECISIONS } from "@/lib/contract/scorecard";
import { interval, timestamp } from "./common";
import { reviewsStillNeeded } from "./review";

const count = z.int().min(0);
const duration = z.object({ n: count, p50: z.number().nullable(), p90: z.number().nullable() });
const counts = z.record(z.string(), count);

/** A period's (or a window's) counts, rates with their intervals, cycle times, incidents and error categories. */
const reviewCounts = { reviews: count, accepted: count, lightEdits: count, heavyEdits: count, rejected: count };

const totals = z.object({
  outputs: count,
  sampledReviews: z
    .object(reviewCounts)
    .meta({ description: "Of the reviews, those the review queue recorded on its random sample; the others were sent by integrations." }),
  reviews: count,
  accepted: count,
  lightEdits: count,
  heavyEdits: count,
  rejected: count,
  tasks: count,
  escalatedTasks: count,
  activeActors: count,
  precision: interval,
  correctionRate: interval,
  heavyCorrectionRate: interval,
  reviewCoverage: interval,
  escalationRate: interval,
  adoptionRate: interval,
  cycleTime: z.object({ agent: duration, manual: duration }),
  incidents: z.object({ total: count, byCategory: counts, bySeverity: counts }),
  errorCategories: counts,
});

/** The cycle-time baseline and reduction of a window. */
const windowSummary = {
  baseline: z.object({ source: z.enum(["configured", "measured", "none"]), p50: z.number().nullable(), n: z.number().nullable() }),
  cycleTimeReduction: interval,
  quantiles: z.object({ method: z.literal("sketch"), relativeError: z.number() }),
};

const granularity = z.enum(["day", "week", "total"]);

const agreement = z
  .object({ n: count, percentAgreement: interval, kappa: interval })
  .meta({ description: "Reviewer agreement on the window's double-reviewed outputs: percent agreement and Cohen's kappa, each with a 95% interval." });

export const metricsReport = z.object({
  workflow: z.string(),
  cohort: z.string().nullable(),
  agentVersion: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  granularity,
  series: z.array(totals.extend({ periodStart: z.string() })),
  agreement,
  ...windowSummary,
});

export const cohortsReport = z.object({
  workflow: z.string(),
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  agentVersion: z.string().nullable(),
  cohorts: z.array(
    z.object({
      cohort: z.string(),
      name: z.string(),
      department: z.string(),
      size: z.int().nullable(),
      phase: z.enum(PHASES),
      totals,
      ...windowSummary,
    }),
  ),
});

export const workflowsReport = z.object({
  workflows: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      tier: z.string().meta({ description: `One of ${TIERS.join(", ")}.` }),
      businessOwner: z.string(),
      technicalOwner: z.string(),
      successMetric: z.string(),
      failureMode: z.string(),
      rollouts: z.array(
        z.object({
          cohort: z.string(),
          cohortName: z.string(),
          department: z.string(),
          cohortSize: z.int().nullable(),
          phase: z.enum(PHASES),
          startedAt: z.string().nullable(),
          baselineCycleTimeP50Ms: z.int().nullable(),
        }),
      ),
    }),
  ),
});

export const checklistEntry = z.object({
  item: z.enum(CHECKLIST_ITEMS),
  status: z.enum(CHECKLIST_STATUSES),
  owner: z.string().nullable(),
  evidence: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: timestamp.nullable(),
});

const verdict = z.enum(["go", "hold", "no_go"]);

export const scorecard = z.object({
  workflow: z.object({ key: z.string(), name: z.string(), tier: z.enum(TIERS) }),
  cohort: z.object({ key: z.string(), name: z.string(), department: z.string(), size: z.int().nullable() }),
  phase: z.enum(PHASES),
  template: z.object({
    key: z.string(),
    version: z.int(),
    from: z.enum(PHASES),
    to: z.enum(PHASES),
    windowWeeks: z.int(),
    reviews: z.enum(["sampled", "all"]).meta({ description: "sampled: the precision and correction criteria count only the random sample's reviews." }),
  }),
  asOf: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  timezone: z.string(),
  verdict,
  reasons: z.array(z.string()),
  criteria: z.array(
    z.object({
      metric: z.string(),
      op: z.enum([">=", "<="]),
      threshold: z.number(),
      minSample: z.int().nullable(),
      value: z.number().nullable(),
      low: z.number().nullable(),
      high: z.number().nullable(),
      n: count,
      verdict: z.enum(["pass", "fail", "inconclusive", "insufficient"]),
      reason: z.string(),
    }),
  ),
  checklist: z.array(checklistEntry.extend({ required: z.boolean() })),
  drift: z.array(
    z.object({
      metric: z.enum(["precision", "correctionRate", "escalationRate"]),
      newer: z.string(),
      older: z.string(),
      newerValue: z.number().nullable(),
      olderValue: z.number().nullable(),
      difference: interval,
      regression: z.boolean(),
      reason: z.string(),
    }),
  ),
  agreement,
  reviewsStillNeeded: z.array(reviewsStillNeeded),
  totals,
  newestEventAt: z.string().nullable(),
  ...windowSummary,
});

export const recordedDecision = z.object({
  id: z.string(),
  workflow: z.string(),
  cohort: z.string(),
  template: z.object({ key: z.string(), version: z.int() }),
  decision: z.enum(DECISIONS),
  rationale: z.string(),
  override: z.string().nullable(),
  computedVerdict: verdict,
  fromPhase: z.enum(PHASES),
  toPhase: z.enum(PHASES).nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  supersedesId: z.string().nullable(),
  snapshotSha256: z.string(),
  snapshot: scorecard.meta({ description: "The scorecard the board decided on, frozen." }),
});

export const decisionList = z.object({ decisions: z.array(recordedDecision) });
