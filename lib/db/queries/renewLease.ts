import type { SqlExecutor } from "@/lib/db/sql";

/** Moves the end of a lease this holder still has; false when it expired and someone else took it (or it is gone). */
export async function renewLease(tx: SqlExecutor, name: string, holder: string, expiresAt: Date): Promise<boolean> {
  const changed = await tx.execute(`UPDATE "Lease" SET "expiresAt" = ? WHERE "name" = ? AND "holder" = ?`, [expiresAt, name, holder]);
  return changed === 1;
}
