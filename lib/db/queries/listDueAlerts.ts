import type { SqlExecutor } from "@/lib/db/sql";

/** Ids of pending alerts whose next attempt is due, the longest waiting first. */
export async function listDueAlerts(tx: SqlExecutor, now: Date, limit: number): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT "id" FROM "Alert" WHERE "status" = 'pending' AND "nextAttemptAt" <= ? ORDER BY "nextAttemptAt", "id" LIMIT ?`,
    [now, limit],
  );
  return rows.map((row) => row.id);
}
