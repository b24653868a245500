// The program document (configuration as code): workflows, cohorts, rollouts, gate templates and alerts.
import { z } from "zod";
import { CHECKLIST_ITEMS, PHASES, TIERS } from "./vocabulary";
import { localDate, slug, storableText } from "./common";
import { directoryMapSchema, sourceSchema } from "./sources";
import { alertsSchema } from "./alerts";
import { gateReviews, reviewContentDays, rolloutReview } from "./review";

const text = (max: number) => storableText().trim().min(1).max(max);

export const workflowSchema = z.strictObject({
  key: slug,
  name: text(200),
  tier: z.enum(TIERS),
  businessOwner: text(200),
  technicalOwner: text(200),
  successMetric: text(500),
  failureMode: text(500),
});

export const cohortSchema = z.strictObject({
  key: slug,
  name: text(200),
  department: text(200),
  size: z.number().int().min(1).max(10_000_000).optional(),
});

export const rolloutSchema = z.strictObject({
  workflow: slug,
  cohort: slug,
  phase: z.enum(PHASES),
  startedAt: localDate.optional(),
  baselineCycleTimeP50Ms: z.number().int().min(1).max(2_147_483_647).optional(),
  review: rolloutReview.optional(),
});

/** Metrics a gate criterion may compare: the proportions, cycle-time reduction and counts of the metrics engine. */
export const GATE_PROPORTIONS = [
  "precision",
  "correctionRate",
  "heavyCorrectionRate",
  "reviewCoverage",
  "escalationRate",
  "adoptionRate",
  "positiveFeedbackRate",
] as const;
/** The proportions measured on human reviews: their sample is reviews, and the review queue exists to grow it. */
export const REVIEW_PROPORTIONS = ["precision", "correctionRate", "heavyCorrectionRate"] as const satisfies readonly (typeof GATE_PROPORTIONS)[number][];
export const GATE_COUNTS = ["outputs", "reviews", "tasks", "activeActors", "incidents.severity1"] as const;

const gateMetric = z.union(
  [
    z.enum(GATE_PROPORTIONS),
    z.literal("cycleTimeReduction"),
    z.literal("csatMean"),
    z.enum(GATE_COUNTS),
    z.string().regex(/^incidents\.[a-z_]+$/),
  ],
  { error: "must be a proportion, cycleTimeReduction, csatMean, a count, or incidents.<category>" },
);

export const gateCriterionSchema = z.strictObject({
  metric: gateMetric,
  op: z.enum([">=", "<="]),
  threshold: z.number().finite(),
  minSample: z.number().int().min(0).optional(),
});

export const gateTemplateSchema = z.strictObject({
  key: slug,
  from: z.enum(PHASES),
  to: z.enum(PHASES),
  windowWeeks: z.number().int().min(1).max(52),
  tiers: z.array(z.enum(TIERS)).min(1),
  checklist: z.array(z.enum(CHECKLIST_ITEMS)),
  criteria: z.array(gateCriterionSchema).min(1),
  // Absent means "all"; without its default, so templates that leave it out keep their stored definition.
  reviews: gateReviews.unwrap().optional(),
});

export const programSchema = z.strictObject({
  workflows: z.array(workflowSchema).default([]),
  cohorts: z.array(cohortSchema).default([]),
  rollouts: z.array(rolloutSchema).default([]),
  gates: z.array(gateTemplateSchema).default([]),
  sources: z.array(sourceSchema).default([]),
  directory: directoryMapSchema.default({}),
  alerts: alertsSchema.optional(),
  // Without its default: a document that leaves it out keeps the stored value, as with every other entry.
  reviewContentDays: reviewContentDays.unwrap().optional(),
});

export type WorkflowInput = z.infer<typeof workflowSchema>;
export type CohortInput = z.infer<typeof cohortSchema>;
export type RolloutInput = z.infer<typeof rolloutSchema>;
export type GateTemplateInput = z.infer<typeof gateTemplateSchema>;
export type ProgramDocument = z.input<typeof programSchema>;
export type Program = z.infer<typeof programSchema>;
