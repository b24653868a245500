import type { SqlExecutor } from "@/lib/db/sql";

export interface QueueReview {
  workflow: string;
  outputId: string;
  reviewer: string;
  verdict: string;
  note: string | null;
  reviewedAt: Date;
}

/** Marks each reviewer's claim on the output as reviewed, with the verdict and note (in the review event's transaction). */
export async function recordQueueReviews(tx: SqlExecutor, reviews: readonly QueueReview[]): Promise<void> {
  if (reviews.length === 0) return;
  await tx.executeEach(
    `UPDATE "ReviewClaim" SET "reviewedAt" = ?, "verdict" = ?, "note" = ?
     WHERE "workflow" = ? AND "outputId" = ? AND "reviewer" = ? AND "reviewedAt" IS NULL`,
    reviews.map((r) => [r.reviewedAt, r.verdict, r.note, r.workflow, r.outputId, r.reviewer]),
  );
}
