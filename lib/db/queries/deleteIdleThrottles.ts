import type { SqlExecutor } from "@/lib/db/sql";

/** Removes throttle rows untouched since `before` (their windows and waits are long over); returns how many. */
export function deleteIdleThrottles(sql: SqlExecutor, before: Date): Promise<number> {
  return sql.execute(`DELETE FROM "Throttle" WHERE "updatedAt" < ?`, [before.getTime()]);
}
