// The review queue's claims (lib/review/queue.ts). A claim is a row per (item, reviewer): the primary key keeps a
// person from holding an item twice, and the unique (item, slot) keeps an item from going to more people than it
// needs. Taking a slot is an INSERT … ON CONFLICT DO NOTHING: of concurrent claimers, on any number of app
// instances, exactly one gets it, and the others move on to the next slot or item.
import type { SqlExecutor } from "@/lib/db/sql";
import { timestampText } from "@/lib/db/timestampText";

export interface ClaimScope {
  workflow: string;
  cohort: string | null;
  reviewer: string;
  now: Date;
}

/** The output this reviewer holds a running, unreviewed claim on in the workflow (and cohort), oldest first; null when none. */
export async function readHeldClaim(tx: SqlExecutor, { workflow, cohort, reviewer, now }: ClaimScope): Promise<string | null> {
  const [row] = await tx.query<{ outputId: string }>(
    `SELECT c."outputId" FROM "ReviewClaim" c JOIN "ReviewItem" i ON i."workflow" = c."workflow" AND i."outputId" = c."outputId"
     JOIN "OutputContent" o ON o."workflow" = c."workflow" AND o."outputId" = c."outputId"
     WHERE c."workflow" = ? AND c."reviewer" = ? AND c."slot" IS NOT NULL AND c."reviewedAt" IS NULL AND c."expiresAt" > ?
       ${cohort === null ? "" : `AND i."cohort" = ?`}
     ORDER BY i."occurredAt", i."outputId" LIMIT 1`,
    cohort === null ? [workflow, reviewer, now] : [workflow, reviewer, now, cohort],
  );
  return row?.outputId ?? null;
}

export interface ReviewCandidate {
  outputId: string;
  reviewers: number;
}

/**
 * The oldest items with content that still need a reviewer and that this reviewer has not held (a running or
 * reviewed claim, or a skip); a lapsed claim of their own does not count.
 */
export async function listReviewCandidates(tx: SqlExecutor, { workflow, cohort, reviewer, now }: ClaimScope, limit: number): Promise<ReviewCandidate[]> {
  const rows = await tx.query<{ outputId: string; reviewers: number | string }>(
    `SELECT i."outputId", i."reviewers" FROM "ReviewItem" i
     JOIN "OutputContent" o ON o."workflow" = i."workflow" AND o."outputId" = i."outputId"
     WHERE i."workflow" = ? ${cohort === null ? "" : `AND i."cohort" = ?`}
       AND NOT EXISTS (SELECT 1 FROM "ReviewClaim" m WHERE m."workflow" = i."workflow" AND m."outputId" = i."outputId"
                       AND m."reviewer" = ? AND (m."slot" IS NULL OR m."reviewedAt" IS NOT NULL OR m."expiresAt" > ?))
       AND (SELECT COUNT(*) FROM "ReviewClaim" h WHERE h."workflow" = i."workflow" AND h."outputId" = i."outputId"
            AND h."slot" IS NOT NULL AND (h."reviewedAt" IS NOT NULL OR h."expiresAt" > ?)) < i."reviewers"
     ORDER BY i."occurredAt", i."outputId" LIMIT ?`,
    [workflow, ...(cohort === null ? [] : [cohort]), reviewer, now, now, limit],
  );
  return rows.map((r) => ({ outputId: r.outputId, reviewers: Number(r.reviewers) }));
}

/**
 * Takes slot `slot` of the item for the reviewer until `expiresAt`: frees the slot when its holder's lease lapsed
 * without a verdict (and the reviewer's own lapsed claim), then inserts; true when this reviewer got it.
 */
export async function takeReviewSlot(
  tx: SqlExecutor,
  claim: { workflow: string; outputId: string; reviewer: string; slot: number; now: Date; expiresAt: Date },
): Promise<boolean> {
  const { workflow, outputId, reviewer, slot, now, expiresAt } = claim;
  await tx.execute(
    `DELETE FROM "ReviewClaim" WHERE "workflow" = ? AND "outputId" = ? AND "slot" IS NOT NULL AND "reviewedAt" IS NULL
     AND "expiresAt" <= ? AND ("slot" = ? OR "reviewer" = ?)`,
    [workflow, outputId, now, slot, reviewer],
  );
  const inserted = await tx.execute(
    `INSERT INTO "ReviewClaim" ("workflow", "outputId", "reviewer", "slot", "claimedAt", "expiresAt") VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
    [workflow, outputId, reviewer, slot, now, expiresAt],
  );
  return inserted === 1;
}

/** Gives up the reviewer's unreviewed claim on the item: the slot is free for others at once, and the item never comes back to them. */
export async function skipReviewClaim(tx: SqlExecutor, claim: { workflow: string; outputId: string; reviewer: string; now: Date }): Promise<void> {
  await tx.execute(
    `UPDATE "ReviewClaim" SET "slot" = NULL, "expiresAt" = ? WHERE "workflow" = ? AND "outputId" = ? AND "reviewer" = ? AND "reviewedAt" IS NULL`,
    [claim.now, claim.workflow, claim.outputId, claim.reviewer],
  );
}

export interface ClaimedItem {
  workflow: string;
  outputId: string;
  cohort: string;
  occurredAt: Date;
  reviewers: number;
  title: string | null;
  text: string | null;
  link: string | null;
  expiresAt: Date;
}

/** The item as its reviewer sees it: the content, and when their claim runs out. */
export async function readClaimedItem(tx: SqlExecutor, workflow: string, outputId: string, reviewer: string): Promise<ClaimedItem | null> {
  const [row] = await tx.query<Omit<ClaimedItem, "occurredAt" | "expiresAt"> & { occurredAt: string; expiresAt: string }>(
    `SELECT i."workflow", i."outputId", i."cohort", ${timestampText(tx, "occurredAt", "i")} AS "occurredAt",
            i."reviewers", o."title", o."text", o."link", ${timestampText(tx, "expiresAt", "c")} AS "expiresAt"
     FROM "ReviewItem" i JOIN "OutputContent" o ON o."workflow" = i."workflow" AND o."outputId" = i."outputId"
     JOIN "ReviewClaim" c ON c."workflow" = i."workflow" AND c."outputId" = i."outputId" AND c."reviewer" = ?
     WHERE i."workflow" = ? AND i."outputId" = ?`,
    [reviewer, workflow, outputId],
  );
  return row ? { ...row, reviewers: Number(row.reviewers), occurredAt: new Date(row.occurredAt), expiresAt: new Date(row.expiresAt) } : null;
}

export interface ReviewerClaim {
  slot: number | null;
  expiresAt: Date;
  reviewedAt: Date | null;
  verdict: string | null;
}

/** The reviewer's claim on the item; null when they hold none. */
export async function readReviewerClaim(tx: SqlExecutor, workflow: string, outputId: string, reviewer: string): Promise<ReviewerClaim | null> {
  const [row] = await tx.query<{ slot: number | string | null; expiresAt: string; reviewedAt: string | null; verdict: string | null }>(
    `SELECT "slot", ${timestampText(tx, "expiresAt")} AS "expiresAt", ${timestampText(tx, "reviewedAt")} AS "reviewedAt", "verdict" FROM "ReviewClaim" WHERE "workflow" = ? AND "outputId" = ? AND "reviewer" = ?`,
    [workflow, outputId, reviewer],
  );
  if (!row) return null;
  return { slot: row.slot === null ? null : Number(row.slot), expiresAt: new Date(row.expiresAt), reviewedAt: row.reviewedAt ? new Date(row.reviewedAt) : null, verdict: row.verdict };
}
