import type { SqlExecutor } from "@/lib/db/sql";

/** When the newest event of a rollout happened (its data's freshness), from the rollups; null without events. */
export async function readNewestEvent(tx: SqlExecutor, workflow: string, cohort: string): Promise<Date | null> {
  const [row] = await tx.query<{ newest: unknown }>(
    `SELECT MAX("lastEventAt") AS "newest" FROM "DailyRollup" WHERE "workflow" = ? AND "cohort" = ?`,
    [workflow, cohort],
  );
  return row?.newest ? new Date(row.newest as string | Date) : null;
}
