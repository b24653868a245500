import type { SqlDriver } from "@/lib/db/sql";

/**
 * Replaces the actor secret an older release kept in the Setting table with its fingerprint, in one transaction.
 * On SQLite the row is overwritten on disk as it is deleted (secure_delete) and the write-ahead log is checkpointed,
 * so no later copy of the file (a backup) carries the old secret in a free page.
 */
export async function moveOutLegacyActorSecret(sql: SqlDriver, legacyKey: string, fingerprintKey: string, fingerprint: string): Promise<void> {
  if (sql.dialect === "sqlite") await sql.query(`PRAGMA secure_delete = ON`);
  try {
    await sql.transaction(async (tx) => {
      await tx.execute(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING`, [fingerprintKey, fingerprint]);
      await tx.execute(`DELETE FROM "Setting" WHERE "key" = ?`, [legacyKey]);
    });
  } finally {
    if (sql.dialect === "sqlite") {
      await sql.query(`PRAGMA secure_delete = OFF`);
      await sql.query(`PRAGMA wal_checkpoint(TRUNCATE)`);
    }
  }
}
