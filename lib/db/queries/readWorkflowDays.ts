import type { SqlExecutor } from "@/lib/db/sql";
import { timestampText } from "@/lib/db/timestampText";

export interface WorkflowDay {
  workflow: string;
  day: string;
  /** The newest event of that workflow on that day. */
  lastEventAt: Date;
}

/** The local days since `since` on which each workflow had events (any cohort), from the rollups. */
export async function readWorkflowDays(tx: SqlExecutor, since: string): Promise<WorkflowDay[]> {
  const rows = await tx.query<{ workflow: string; day: string; lastEventAt: string }>(
    `SELECT "workflow", "day", MAX(${timestampText(tx, "lastEventAt")}) AS "lastEventAt" FROM "DailyRollup" WHERE "day" >= ? GROUP BY "workflow", "day"`,
    [since],
  );
  return rows.map((row) => ({ workflow: row.workflow, day: row.day, lastEventAt: new Date(row.lastEventAt) }));
}
