// What the review queue does inside the ingestion transaction: a new output of a rollout with review rates is
// sampled (or not) once, from the keyed hash of its identity, and a sampled one is queued with its content; a review
// the queue recorded closes its reviewer's claim. Committing with the events means a re-send finds the decision made
// and the item queued, and a review is never stored without its claim closed (or the other way round).
// Both take every batch of a group commit at once, so a group costs one read of the rates and one insert, not one
// per batch.
import type { SqlExecutor } from "@/lib/db/sql";
import { readReviewRates } from "@/lib/db/queries/readReviewRates";
import { insertReviewItems, type NewReviewItem } from "@/lib/db/queries/insertReviewItems";
import { recordQueueReviews } from "@/lib/db/queries/recordQueueReviews";
import { ConflictError } from "@/lib/errors";
import type { StoredEvent } from "@/lib/ingest/normalize";
import { sampledReviewers } from "./sampling";

/** One batch's newly stored events, with the secret that keys its sample and the time it was received. */
export interface StoredBatch {
  events: readonly StoredEvent[];
  secret: string;
  receivedAt: Date;
}

/**
 * Queues the sampled ones of these newly stored events. Only outputs that carry content are queued: a reviewer has
 * nothing to judge without it, and content of outputs that are not sampled is never stored.
 */
export async function queueSampledOutputs(tx: SqlExecutor, batches: readonly StoredBatch[]): Promise<number> {
  const candidates = batches.flatMap(({ events, secret }) => events.filter((e) => e.type === "output" && e.content !== null).map((e) => ({ e, secret })));
  if (candidates.length === 0) return 0;
  const rates = await readReviewRates(tx);
  const items: NewReviewItem[] = [];
  for (const { e, secret } of candidates) {
    const rolloutRates = rates.get(`${e.workflow}/${e.cohort}`);
    if (!rolloutRates) continue;
    const reviewers = sampledReviewers(secret, e.workflow, e.id, { rate: rolloutRates.rate, doubleRate: rolloutRates.doubleRate });
    if (reviewers === 0) continue;
    const { title = null, text = null, link = null } = e.content!;
    items.push({ workflow: e.workflow, outputId: e.id, cohort: e.cohort, occurredAt: e.occurredAt, reviewers, title, text, link });
  }
  await insertReviewItems(tx, items);
  return items.length;
}

/**
 * Closes the claims of the reviews the queue recorded among these newly stored events. A review whose claim is gone
 * fails the transaction, so it is not stored: its slot went to another reviewer, and storing it too would review the
 * output once more than its sample asks. (Group commit then retries the other batches alone.)
 */
export async function closeReviewedClaims(tx: SqlExecutor, batches: readonly StoredBatch[]): Promise<void> {
  const reviews = batches.flatMap(({ events, receivedAt }) =>
    events.flatMap((e) =>
      e.type === "review" && e.queueReview && e.actor && e.verdict
        ? [{ workflow: e.workflow, outputId: e.queueReview.outputId, reviewer: e.actor, verdict: e.verdict, note: e.queueReview.note, reviewedAt: receivedAt }]
        : [],
    ),
  );
  const [lost] = await recordQueueReviews(tx, reviews);
  if (lost) {
    throw new ConflictError(`You no longer hold the claim on output "${lost.outputId}" of ${lost.workflow} (it lapsed and went to another reviewer, or you skipped it); the verdict was not recorded.`);
  }
}
