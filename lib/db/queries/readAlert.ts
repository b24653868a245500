import type { SqlExecutor } from "@/lib/db/sql";
import { timestampText } from "@/lib/db/timestampText";

export interface AlertState {
  id: string;
  channel: string;
  payload: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
}

/** One alert's delivery state; null when there is none with this id. */
export async function readAlert(tx: SqlExecutor, id: string): Promise<AlertState | null> {
  const [row] = await tx.query<Omit<AlertState, "createdAt" | "nextAttemptAt" | "attempts"> & { attempts: number | string; createdAt: string; nextAttemptAt: string }>(
    `SELECT "id", "channel", "payload", "status", "attempts", ${timestampText(tx, "createdAt")} AS "createdAt", ${timestampText(tx, "nextAttemptAt")} AS "nextAttemptAt"
     FROM "Alert" WHERE "id" = ?`,
    [id],
  );
  if (!row) return null;
  return { ...row, attempts: Number(row.attempts), createdAt: new Date(row.createdAt), nextAttemptAt: new Date(row.nextAttemptAt) };
}
