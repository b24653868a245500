import type { SqlExecutor } from "@/lib/db/sql";

export interface QueueReview {
  workflow: string;
  outputId: string;
  reviewer: string;
  verdict: string;
  note: string | null;
  reviewedAt: Date;
}

/**
 * Marks each reviewer's claim on the output as reviewed, with the verdict and note (in the review event's
 * transaction), and returns the reviews whose reviewer no longer holds the claim: skipped, or lapsed and taken by
 * someone else between the verdict's check and this commit.
 */
export async function recordQueueReviews(tx: SqlExecutor, reviews: readonly QueueReview[]): Promise<QueueReview[]> {
  if (reviews.length === 0) return [];
  const updated = await tx.executeEach(
    `UPDATE "ReviewClaim" SET "reviewedAt" = ?, "verdict" = ?, "note" = ?
     WHERE "workflow" = ? AND "outputId" = ? AND "reviewer" = ? AND "slot" IS NOT NULL AND "reviewedAt" IS NULL`,
    reviews.map((r) => [r.reviewedAt, r.verdict, r.note, r.workflow, r.outputId, r.reviewer]),
  );
  return reviews.filter((_, i) => updated[i] === 0);
}
