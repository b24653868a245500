import type { SqlExecutor } from "@/lib/db/sql";
import { timestampText } from "@/lib/db/timestampText";

export interface JobState {
  nextRunAt: Date;
  lastRunAt: Date | null;
  lastError: string | null;
}

/** A background job's shared schedule; null before its first run. */
export async function readJob(tx: SqlExecutor, name: string): Promise<JobState | null> {
  const [row] = await tx.query<{ nextRunAt: string; lastRunAt: string | null; lastError: string | null }>(
    `SELECT ${timestampText(tx, "nextRunAt")} AS "nextRunAt", ${timestampText(tx, "lastRunAt")} AS "lastRunAt", "lastError" FROM "Job" WHERE "name" = ?`,
    [name],
  );
  if (!row) return null;
  return { nextRunAt: new Date(row.nextRunAt), lastRunAt: row.lastRunAt ? new Date(row.lastRunAt) : null, lastError: row.lastError };
}
