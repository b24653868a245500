import type { SqlExecutor } from "@/lib/db/sql";

/**
 * Deletes up to `limit` contents of outputs that occurred before the cutoff; returns how many. Items and verdicts
 * stay (reviewer agreement needs them); an item without content is no longer handed out.
 */
export async function deleteReviewContentBefore(tx: SqlExecutor, cutoff: Date, limit: number): Promise<number> {
  return tx.execute(
    `DELETE FROM "OutputContent" WHERE ("workflow", "outputId") IN
       (SELECT "workflow", "outputId" FROM "OutputContent" WHERE "occurredAt" < ? LIMIT ?)`,
    [cutoff, limit],
  );
}

/** Empties reviewers' notes (they may quote the content) on outputs that occurred before the cutoff. */
export async function clearReviewNotesBefore(tx: SqlExecutor, cutoff: Date): Promise<number> {
  return tx.execute(
    `UPDATE "ReviewClaim" SET "note" = NULL WHERE "note" IS NOT NULL AND ("workflow", "outputId") IN
       (SELECT "workflow", "outputId" FROM "ReviewItem" WHERE "occurredAt" < ?)`,
    [cutoff],
  );
}
