// Applies the committed migrations of the running dialect at start. `prisma migrate deploy` cannot run through
// the Postgres driver adapter offline (prisma/orm#27403), so Tollgate applies them itself and records each one in
// Prisma's own `_prisma_migrations` table with Prisma's checksum, so the standard CLI still understands the database.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { migrationsDir } from "./schema";
import type { SqlDriver } from "./sql";

const MIGRATIONS_TABLE: Record<SqlDriver["dialect"], string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
    "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgres: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dialect: SqlDriver["dialect"], root = process.cwd()): Migration[] {
  const dir = path.join(root, migrationsDir(dialect));
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies pending migrations in order; returns the names applied. Safe to run from several processes at once. */
export async function migrate(driver: SqlDriver, root = process.cwd()): Promise<string[]> {
  const migrations = readMigrations(driver.dialect, root);
  await driver.execute(MIGRATIONS_TABLE[driver.dialect]);
  const applied: string[] = [];
  for (const migration of migrations) {
    const wasApplied = await driver.transaction(async (tx) => {
      // Serializes concurrent starts against one Postgres (SQLite's BEGIN IMMEDIATE already does).
      if (driver.dialect === "postgres") await tx.query("SELECT pg_advisory_xact_lock(7100424)");
      const rows = await tx.query<{ checksum: string }>(
        `SELECT "checksum" FROM "_prisma_migrations" WHERE "migration_name" = ? AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
        [migration.name],
      );
      if (rows[0]) {
        if (rows[0].checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; restore the committed file.`);
        }
        return true;
      }
      await tx.script(migration.sql);
      await tx.execute(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count") VALUES (?, ?, CURRENT_TIMESTAMP, ?, 1)`,
        [crypto.randomUUID(), migration.checksum, migration.name],
      );
      return false;
    });
    if (!wasApplied) applied.push(migration.name);
  }
  return applied;
}
