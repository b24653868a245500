import type { SqlExecutor } from "@/lib/db/sql";

/** How many audit records name the action (the drills count the retention job's runs with it). */
export async function countAuditRecords(tx: SqlExecutor, action: string): Promise<number> {
  const [row] = await tx.query<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "AuditRecord" WHERE "action" = ?`, [action]);
  return Number(row?.n ?? 0);
}
