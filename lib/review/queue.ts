// The review queue: a reviewer claims the oldest item that still needs them (a lease of 15 minutes, in the database,
// so several app instances share it), sees its content, and records a verdict, which becomes a review event through
// ingestBatch (same contract, same dedupe, marked sampled) and closes the claim in the same transaction.
import crypto from "node:crypto";
import type { Database } from "@/lib/db/database";
import { installationSettings } from "@/lib/db/settings";
import {
  listReviewCandidates,
  readClaimedItem,
  readHeldClaim,
  readReviewerClaim,
  skipReviewClaim,
  takeReviewSlot,
  type ClaimedItem,
} from "@/lib/db/queries/reviewClaims";
import { requireWorkflow } from "@/lib/db/queries/requireWorkflow";
import { requireCohort } from "@/lib/db/queries/requireCohort";
import { readReviewedOutput } from "@/lib/db/queries/readReviewedOutput";
import { mayReview, type Principal } from "@/lib/auth/authorize";
import { ApiError, badRequest, ConflictError } from "@/lib/errors";
import { pseudonymizeActor } from "@/lib/ingest/normalize";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import type { z } from "zod";
import type { reviewClaim, reviewVerdict } from "@/lib/contract/review";
import type { Verdict } from "@/lib/contract/vocabulary";

export const CLAIM_MS = 15 * 60 * 1000;
/** Candidates looked at per claim: enough to get past the ones concurrent reviewers take at the same moment. */
const CANDIDATES = 20;

export type { ClaimedItem };

export interface Reviewer {
  /** What the review event's actor is: the user's email, or the key's name; pseudonymized before storage. */
  actor: string;
  /** The keyed hash of it: the review event's stored actor, and the claim's holder. */
  pseudonym: string;
}

/** Refuses (403) a caller who may not review the workflow. */
export function requireReviewer(principal: Principal, workflow: string): void {
  const decision = mayReview(principal, workflow);
  if (!decision.allowed) throw new ApiError(decision.status, decision.code, decision.message);
}

export async function reviewerOf(db: Database, principal: Principal): Promise<Reviewer> {
  const actor = principal.kind === "user" ? principal.email : `key:${principal.name}`;
  return { actor, pseudonym: pseudonymizeActor(actor, (await installationSettings(db)).actorSecret) };
}

/**
 * The caller's next item: the one they hold already, else the oldest that still needs a reviewer they are not;
 * null when none is left. With `skip`, their claim on that output is given up first.
 */
export async function claimNext(db: Database, principal: Principal, request: z.infer<typeof reviewClaim>, now = new Date()): Promise<ClaimedItem | null> {
  const { workflow, skip } = request;
  requireReviewer(principal, workflow);
  const { pseudonym: reviewer } = await reviewerOf(db, principal);
  const scope = { workflow, cohort: request.cohort ?? null, reviewer, now };
  const expiresAt = new Date(now.getTime() + CLAIM_MS);
  return db.sql.transaction(async (tx) => {
    await requireWorkflow(tx, workflow);
    if (request.cohort !== undefined) await requireCohort(tx, request.cohort);
    if (skip !== undefined) await skipReviewClaim(tx, { workflow, outputId: skip, reviewer, now });
    let claimed = await readHeldClaim(tx, scope);
    for (const candidate of claimed === null ? await listReviewCandidates(tx, scope, CANDIDATES) : []) {
      for (let slot = 1; slot <= candidate.reviewers && claimed === null; slot++) {
        if (await takeReviewSlot(tx, { workflow, outputId: candidate.outputId, reviewer, slot, now, expiresAt })) claimed = candidate.outputId;
      }
      if (claimed !== null) break;
    }
    return claimed === null ? null : readClaimedItem(tx, workflow, claimed, reviewer);
  });
}

/** The review event's id: one per output and reviewer, so a repeated verdict is a duplicate, never a second review. */
export function reviewEventId(workflow: string, outputId: string, reviewer: string): string {
  return `review-${crypto.createHash("sha256").update(`${workflow}\u0000${outputId}\u0000${reviewer}`, "utf8").digest("base64url").slice(0, 32)}`;
}

export interface RecordedVerdict {
  workflow: string;
  outputId: string;
  verdict: Verdict;
  /** "recorded" the first time, "duplicate" when this reviewer's verdict on the output was recorded already. */
  status: "recorded" | "duplicate";
}

/** Records the caller's verdict on an output they claimed, as a review event marked sampled. */
export async function recordVerdict(
  db: Database,
  principal: Principal,
  outputId: string,
  body: z.infer<typeof reviewVerdict>,
  now = new Date(),
): Promise<RecordedVerdict> {
  const { workflow } = body;
  requireReviewer(principal, workflow);
  const reviewer = await reviewerOf(db, principal);
  const claim = await readReviewerClaim(db.sql, workflow, outputId, reviewer.pseudonym);
  if (claim?.reviewedAt) return { workflow, outputId, verdict: claim.verdict as Verdict, status: "duplicate" };
  // A lapsed claim may be taken by someone else at any moment: the verdict would then be a review too many.
  if (claim === null || claim.slot === null || claim.expiresAt <= now) {
    throw new ConflictError(`You hold no running claim on output "${outputId}" of ${workflow}: claim it (POST /api/v1/review/claim) and record the verdict within 15 minutes.`);
  }
  const output = await readReviewedOutput(db.sql, workflow, outputId);
  if (!output) throw new ConflictError(`Output "${outputId}" of ${workflow} is no longer stored; it cannot be reviewed.`);
  const event = {
    id: reviewEventId(workflow, outputId, reviewer.pseudonym),
    type: "review",
    workflow,
    cohort: output.cohort,
    taskId: output.taskId,
    occurredAt: now.toISOString(),
    actor: reviewer.actor,
    ...(output.agentVersion ? { agentVersion: output.agentVersion } : {}),
    verdict: body.verdict,
    ...(body.errorCategory ? { errorCategory: body.errorCategory } : {}),
    properties: { output: outputId },
  };
  const result = await ingestBatch(db, [event], { now, queueReview: { outputId, note: body.note ?? null } });
  if (result.rejected.length > 0) throw badRequest("The review could not be recorded.", result.rejected[0]!.errors);
  return { workflow, outputId, verdict: body.verdict, status: result.accepted === 1 ? "recorded" : "duplicate" };
}
