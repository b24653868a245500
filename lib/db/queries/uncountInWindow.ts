import type { SqlExecutor } from "@/lib/db/sql";

/** Takes back one count of countInWindow (an attempt that turned out not to count, such as a right password). */
export async function uncountInWindow(sql: SqlExecutor, key: string): Promise<void> {
  await sql.execute(`UPDATE "Throttle" SET "count" = "count" - 1 WHERE "key" = ? AND "count" > 0`, [key]);
}
