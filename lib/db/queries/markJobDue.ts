import type { SqlExecutor } from "@/lib/db/sql";

/** Makes a shared job due now (its next check in any instance runs it); answers false when it never ran yet (then it is due anyway). */
export async function markJobDue(tx: SqlExecutor, name: string, now: Date): Promise<boolean> {
  return (await tx.execute(`UPDATE "Job" SET "nextRunAt" = ? WHERE "name" = ?`, [now, name])) === 1;
}
