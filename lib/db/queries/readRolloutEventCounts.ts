import type { SqlExecutor } from "@/lib/db/sql";

/** Events of every kind the rollups have counted per rollout ("workflow/cohort"): a larger count means new events. */
export async function readRolloutEventCounts(tx: SqlExecutor): Promise<Map<string, number>> {
  const rows = await tx.query<{ workflow: string; cohort: string; events: number | string }>(
    `SELECT "workflow", "cohort", SUM("outputs" + "reviews" + "escalations" + "agentCompletions" + "manualCompletions" + "incidents") AS "events"
     FROM "DailyRollup" GROUP BY "workflow", "cohort"`,
  );
  return new Map(rows.map((row) => [`${row.workflow}/${row.cohort}`, Number(row.events)]));
}
