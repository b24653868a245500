import type { Database } from "@/lib/db/database";

/** A rollout's outputs on local days from `sinceDay` on (the rollups' count). */
export async function countOutputsSince(db: Database, rollout: { workflow: string; cohort: string }, sinceDay: string): Promise<number> {
  const [row] = await db.sql.query<{ outputs: number | string | null }>(
    `SELECT SUM("outputs") AS "outputs" FROM "DailyRollup" WHERE "workflow" = ? AND "cohort" = ? AND "day" >= ?`,
    [rollout.workflow, rollout.cohort, sinceDay],
  );
  return Number(row?.outputs ?? 0);
}
