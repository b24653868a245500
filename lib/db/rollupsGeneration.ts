// The rollups' generation: a random token in "Setting" that changes whenever rollup rows may have been removed (a
// rebuild deletes and recomputes them all; a restore puts back older ones). Retention never deletes rollup rows, so
// between two changes of the token every rollup row that existed still exists. In-process knowledge of which rows
// exist (lib/ingest/knownRows.ts) is kept per token, and a write transaction that reads another token (with the
// retention watermark: lib/db/watermark.ts readWriteSettings; null on a database set up before tokens) drops it.
import crypto from "node:crypto";
import type { SqlExecutor } from "./sql";
// settings.ts imports this module for setup: the key is read inside the functions, never while the modules load.
import { SETTING_KEYS } from "./settings";

/** Gives the database its first token; leaves one that exists alone. */
export async function ensureRollupsGeneration(sql: SqlExecutor): Promise<void> {
  await sql.execute(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING`, [SETTING_KEYS.rollupsGeneration, crypto.randomUUID()]);
}

/** A new token, in the transaction that removes rollup rows, so no process trusts what it knew before. */
export async function renewRollupsGeneration(tx: SqlExecutor): Promise<void> {
  await tx.execute(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`, [SETTING_KEYS.rollupsGeneration, crypto.randomUUID()]);
}
