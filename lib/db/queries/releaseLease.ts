import type { SqlExecutor } from "@/lib/db/sql";

/** Gives a lease up, if this holder still has it. */
export async function releaseLease(tx: SqlExecutor, name: string, holder: string): Promise<void> {
  await tx.execute(`DELETE FROM "Lease" WHERE "name" = ? AND "holder" = ?`, [name, holder]);
}
