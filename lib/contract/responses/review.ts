// What the review queue's API answers.
import { z } from "zod";
import { REVIEW_PROPORTIONS } from "@/lib/contract/program";
import { VERDICTS } from "@/lib/contract/vocabulary";
import { timestamp } from "./common";

const count = z.int().min(0);

export const claimedItem = z.object({
  workflow: z.string(),
  outputId: z.string().meta({ description: "The output's event id: the path of the verdict." }),
  cohort: z.string(),
  occurredAt: timestamp,
  reviewers: z.int().min(1).max(2).meta({ description: "2 for an item reviewed by two different people (reviewer agreement)." }),
  title: z.string().nullable(),
  text: z.string().nullable().meta({ description: "Plain text: show it as text, never as HTML." }),
  link: z.string().nullable().meta({ description: "An https link to the item in its own system." }),
  expiresAt: timestamp.meta({ description: "When the claim lapses (15 minutes after it was made) and the item may go to someone else." }),
});

export const reviewsStillNeeded = z.object({
  metric: z.enum(REVIEW_PROPORTIONS),
  reviews: count.nullable().meta({ description: "Further reviews that would settle the criterion at the current estimate; null when no figure can be promised." }),
  reason: z.string(),
});

export const queueStatus = z.object({
  workflow: z.string(),
  cohort: z.string().nullable(),
  pending: count.meta({ description: "Reviews the queue still waits for (an item for two reviewers counts twice)." }),
  claimed: count,
  doneThisWeek: count,
  weeklyTarget: count,
  rollouts: z.array(
    z.object({
      cohort: z.string(),
      template: z.string().nullable(),
      stillNeeded: z.array(reviewsStillNeeded),
      weeklyTarget: count,
    }),
  ),
});

export const recordedVerdict = z.object({
  workflow: z.string(),
  outputId: z.string(),
  verdict: z.enum(VERDICTS),
  status: z.enum(["recorded", "duplicate"]).meta({ description: "duplicate: this reviewer's verdict on the output was recorded already (a retry)." }),
});
