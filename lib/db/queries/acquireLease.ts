import type { SqlExecutor } from "@/lib/db/sql";

/**
 * Takes the lease `name` for `holder` until `expiresAt` when no one holds it or its holder's lease has expired, in one
 * statement (so of several callers exactly one wins); true when this holder got it.
 */
export async function acquireLease(tx: SqlExecutor, name: string, holder: string, expiresAt: Date, now: Date): Promise<boolean> {
  const changed = await tx.execute(
    `INSERT INTO "Lease" ("name", "holder", "expiresAt") VALUES (?, ?, ?)
     ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "expiresAt" = excluded."expiresAt"
     WHERE "Lease"."expiresAt" <= ?`,
    [name, holder, expiresAt, now],
  );
  return changed === 1;
}
