// Contracts of the scorecard, checklist and decision API.
import { z } from "zod";
import { CHECKLIST_ITEMS } from "./vocabulary";
import { localDate, slug, storableText } from "./common";

export const CHECKLIST_STATUSES = ["not_started", "in_progress", "done"] as const;
export const DECISIONS = ["go", "no_go", "extend"] as const;
export type Decision = (typeof DECISIONS)[number];

export const scorecardQuery = z.strictObject({
  workflow: slug,
  cohort: slug,
  template: slug.optional(),
  asOf: localDate.optional(),
});
export type ScorecardQuery = z.infer<typeof scorecardQuery>;

export const checklistItem = z.enum(CHECKLIST_ITEMS);

export const checklistUpdate = z.strictObject({
  status: z.enum(CHECKLIST_STATUSES),
  owner: storableText().trim().min(1).max(200).optional(),
  evidence: storableText().trim().min(1).max(2000).optional(),
});
export type ChecklistUpdate = z.infer<typeof checklistUpdate>;

export const decisionInput = z.strictObject({
  workflow: slug,
  cohort: slug,
  template: slug,
  decision: z.enum(DECISIONS),
  rationale: storableText().trim().min(1, "must say why").max(5000),
  override: storableText().trim().min(1).max(5000).optional(),
  // Named only to say why it is refused: judged on a past date's scorecard, a decision could advance a rollout
  // that today's evidence holds back, without an override note.
  asOf: z
    .never({
      error:
        "is not accepted: a decision is judged on the scorecard as it stands when it is recorded (GET /api/v1/scorecards takes asOf for looking back)",
    })
    .optional(),
});
export type DecisionInput = z.infer<typeof decisionInput>;

export const decisionsQuery = z.strictObject({ workflow: slug, cohort: slug.optional() });
