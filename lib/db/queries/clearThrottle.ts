import type { SqlExecutor } from "@/lib/db/sql";

/** Forgets a throttle key's attempts (after a successful one). */
export async function clearThrottle(sql: SqlExecutor, key: string): Promise<void> {
  await sql.execute(`DELETE FROM "Throttle" WHERE "key" = ?`, [key]);
}
