import type { SqlExecutor } from "@/lib/db/sql";
import { periodKey, type RolloutKey } from "./rollupFilter";

/**
 * When the newest event of each given rollout happened (its data's freshness), from the rollups, keyed
 * periodKey(rollout, ""). A rollout without events has none.
 *
 * Only each rollout's last day is read: a day is the local day of its events in the installation's timezone, which
 * is fixed at setup (rollups are rebuilt if it ever changes), so the newest event is on the newest day. Both the
 * newest day and that day's rows are found through the primary key (workflow, cohort, day, …), so the read does not
 * grow with the history kept, as a MAX over all of a rollout's days did.
 */
export async function readNewestEvent(tx: SqlExecutor, rollouts: readonly RolloutKey[]): Promise<Map<string, Date>> {
  if (rollouts.length === 0) return new Map();
  // A VALUES list's columns are named column1, column2 in both dialects.
  const rows = await tx.query<{ workflow: string; cohort: string; newest: unknown }>(
    `SELECT r."column1" AS "workflow", r."column2" AS "cohort", (
       SELECT MAX(d."lastEventAt") FROM "DailyRollup" d
       WHERE d."workflow" = r."column1" AND d."cohort" = r."column2" AND d."day" = (
         SELECT MAX(m."day") FROM "DailyRollup" m WHERE m."workflow" = r."column1" AND m."cohort" = r."column2")
     ) AS "newest"
     FROM (VALUES ${rollouts.map(() => "(?, ?)").join(", ")}) AS r`,
    rollouts.flatMap((r) => [r.workflow, r.cohort]),
  );
  return new Map(rows.flatMap((row) => (row.newest ? [[periodKey(row, ""), new Date(row.newest as string | Date)] as const] : [])));
}
