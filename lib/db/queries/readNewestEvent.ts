import type { SqlExecutor } from "@/lib/db/sql";
import { periodKey } from "./rollupFilter";

/**
 * When the newest event of each rollout happened (its data's freshness), from the rollups, keyed
 * periodKey(rollout, ""): of one rollout, or of every rollout when none is named. A rollout without events has none.
 */
export async function readNewestEvent(tx: SqlExecutor, rollout?: { workflow: string; cohort: string }): Promise<Map<string, Date>> {
  const rows = await tx.query<{ workflow: string; cohort: string; newest: unknown }>(
    `SELECT "workflow", "cohort", MAX("lastEventAt") AS "newest" FROM "DailyRollup"` +
      (rollout ? ` WHERE "workflow" = ? AND "cohort" = ?` : "") +
      ` GROUP BY "workflow", "cohort"`,
    rollout ? [rollout.workflow, rollout.cohort] : [],
  );
  return new Map(rows.flatMap((row) => (row.newest ? [[periodKey(row, ""), new Date(row.newest as string | Date)] as const] : [])));
}
