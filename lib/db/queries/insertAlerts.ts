import { bulkInsert } from "@/lib/db/bulk";
import { isSqlExecutor, type Writer } from "@/lib/db/writer";

export interface NewAlert {
  id: string;
  channel: string;
  trigger: string;
  cause: string;
  workflow: string | null;
  cohort: string | null;
  payload: string;
  createdAt: Date;
}

const COLUMNS = ["id", "channel", "trigger", "cause", "workflow", "cohort", "payload", "status", "attempts", "createdAt", "nextAttemptAt"] as const;

/**
 * Adds pending alerts, due at once, in the caller's transaction; an alert whose channel already has one for the same
 * cause is left out. Answers how many were added.
 */
export async function insertAlerts(tx: Writer, alerts: readonly NewAlert[]): Promise<number> {
  if (isSqlExecutor(tx)) {
    const inserted = await bulkInsert(tx, {
      table: "Alert",
      columns: COLUMNS,
      rows: alerts.map((a) => [a.id, a.channel, a.trigger, a.cause, a.workflow, a.cohort, a.payload, "pending", 0, a.createdAt, a.createdAt]),
      onConflict: `ON CONFLICT ("channel", "cause") DO NOTHING`,
      returning: ["id"],
    });
    return inserted.length;
  }
  let added = 0;
  for (const alert of alerts) {
    const existing = await tx.alert.findUnique({ where: { channel_cause: { channel: alert.channel, cause: alert.cause } }, select: { id: true } });
    if (existing) continue;
    await tx.alert.create({ data: { ...alert, status: "pending", nextAttemptAt: alert.createdAt } });
    added++;
  }
  return added;
}
