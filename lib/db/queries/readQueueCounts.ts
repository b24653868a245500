import type { SqlExecutor } from "@/lib/db/sql";

export interface QueueCounts {
  /** Reviews the queue still waits for: each item's reviewers less its running and finished claims. */
  pending: number;
  /** Claims running now, without a verdict yet. */
  claimed: number;
  /** Verdicts recorded since `since` (the start of this week). */
  done: number;
}

/** The queue of a workflow (and cohort) at `now`; items whose content was purged are no longer pending. */
export async function readQueueCounts(tx: SqlExecutor, scope: { workflow: string; cohort: string | null; now: Date; since: Date }): Promise<QueueCounts> {
  const { workflow, cohort, now, since } = scope;
  const inCohort = cohort === null ? "" : `AND i."cohort" = ?`;
  const cohortParam = cohort === null ? [] : [cohort];
  const [pending] = await tx.query<{ n: number | string | null }>(
    `SELECT SUM(i."reviewers" - (SELECT COUNT(*) FROM "ReviewClaim" h WHERE h."workflow" = i."workflow" AND h."outputId" = i."outputId"
              AND h."slot" IS NOT NULL AND (h."reviewedAt" IS NOT NULL OR h."expiresAt" > ?))) AS "n"
     FROM "ReviewItem" i JOIN "OutputContent" o ON o."workflow" = i."workflow" AND o."outputId" = i."outputId"
     WHERE i."workflow" = ? ${inCohort}`,
    [now, workflow, ...cohortParam],
  );
  const [claims] = await tx.query<{ claimed: number | string | null; done: number | string | null }>(
    `SELECT SUM(CASE WHEN c."reviewedAt" IS NULL AND c."slot" IS NOT NULL AND c."expiresAt" > ? THEN 1 ELSE 0 END) AS "claimed",
            SUM(CASE WHEN c."reviewedAt" >= ? THEN 1 ELSE 0 END) AS "done"
     FROM "ReviewClaim" c JOIN "ReviewItem" i ON i."workflow" = c."workflow" AND i."outputId" = c."outputId"
     WHERE c."workflow" = ? ${inCohort}`,
    [now, since, workflow, ...cohortParam],
  );
  return { pending: Number(pending?.n ?? 0), claimed: Number(claims?.claimed ?? 0), done: Number(claims?.done ?? 0) };
}
