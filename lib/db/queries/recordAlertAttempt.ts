import type { SqlExecutor } from "@/lib/db/sql";

export interface AlertAttemptRecord {
  alertId: string;
  /** 1 for the first attempt. */
  attempt: number;
  at: Date;
  durationMs: number;
  code: number | null;
  error: string | null;
  /** The alert's state after it. */
  status: "pending" | "delivered" | "failed";
  nextAttemptAt: Date;
}

/**
 * Appends an attempt and moves the alert on, in the caller's transaction; false (and nothing written) when another
 * attempt was recorded meanwhile.
 */
export async function recordAlertAttempt(tx: SqlExecutor, record: AlertAttemptRecord): Promise<boolean> {
  const finished = record.status === "pending" ? null : record.at;
  const changed = await tx.execute(
    `UPDATE "Alert" SET "attempts" = ?, "status" = ?, "nextAttemptAt" = ?, "finishedAt" = ?, "lastCode" = ?, "lastError" = ?
     WHERE "id" = ? AND "attempts" = ? AND "status" = 'pending'`,
    [record.attempt, record.status, record.nextAttemptAt, finished, record.code, record.error, record.alertId, record.attempt - 1],
  );
  if (changed !== 1) return false;
  await tx.execute(`INSERT INTO "AlertAttempt" ("alertId", "attempt", "at", "durationMs", "code", "error") VALUES (?, ?, ?, ?, ?, ?)`, [
    record.alertId, record.attempt, record.at, record.durationMs, record.code, record.error,
  ]);
  return true;
}
