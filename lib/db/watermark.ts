// The retention watermark: the newest cutoff ever purged. Rollups already counted every purged event, so an event
// older than the watermark must never be stored (and counted) again. The purge commits the watermark before it
// deletes anything, and ingestion reads it inside its write transaction:
// - SQLite: write transactions are serialized (BEGIN IMMEDIATE), so an ingestion either commits before the
//   watermark (its events are then visible to, and purged by, the deletes) or reads the new watermark.
// - Postgres: ingestion reads it with FOR KEY SHARE, which holds a ROW SHARE lock on "Setting" until its commit;
//   the purge writes the watermark under LOCK TABLE "Setting" IN EXCLUSIVE MODE, which waits for every ingestion
//   that read the old value to commit and holds back new readers until the new value is committed (a statement
//   that waited for the lock takes its snapshot after it, so it reads the new value, even on the first run when
//   the row did not exist before). The lock is held for one upsert: ingestion waits a few milliseconds at most.
import type { Param, SqlDriver, SqlExecutor } from "@/lib/db/sql";
import { SETTING_KEYS } from "@/lib/db/settings";

const WATERMARK_SETTING = SETTING_KEYS.retentionWatermark;

const SELECT_SQLITE = `SELECT "value" FROM "Setting" WHERE "key" = ?`;
// With the rollups generation (lib/db/rollupsGeneration.ts), which every write reads too: one round trip, not two.
const SELECT_FOR_WRITE = `SELECT "key", "value" FROM "Setting" WHERE "key" IN (?, ?)`;

function parse(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** What a write transaction reads first: the watermark as it must read it (above), and the rollups generation. */
export async function readWriteSettings(tx: SqlExecutor): Promise<{ watermark: Date | null; rollupsGeneration: string | null }> {
  const sql = SELECT_FOR_WRITE + (tx.dialect === "postgres" ? " FOR KEY SHARE" : "");
  const rows = await tx.query<{ key: string; value: string }>(sql, [WATERMARK_SETTING, SETTING_KEYS.rollupsGeneration]);
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  return { watermark: parse(value(WATERMARK_SETTING)), rollupsGeneration: value(SETTING_KEYS.rollupsGeneration) ?? null };
}

/** The watermark for display (no lock). */
export async function readWatermark(sql: SqlExecutor): Promise<Date | null> {
  const rows = await sql.query<{ value: string }>(SELECT_SQLITE, [WATERMARK_SETTING]);
  return parse(rows[0]?.value);
}

/**
 * Moves the watermark forward to `cutoff` (never back) and commits it, with whatever `alongside` writes in the same
 * transaction; returns the watermark now in force. Call before deleting anything older than `cutoff`.
 */
export async function advanceWatermark(sql: SqlDriver, cutoff: Date, alongside?: (tx: SqlExecutor) => Promise<void>): Promise<Date> {
  return sql.transaction(async (tx) => {
    await alongside?.(tx);
    if (tx.dialect === "postgres") await tx.execute(`LOCK TABLE "Setting" IN EXCLUSIVE MODE`);
    // ISO 8601 UTC text of one fixed length compares as the instants do.
    const params: Param[] = [WATERMARK_SETTING, cutoff.toISOString()];
    await tx.execute(
      `INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value" WHERE "Setting"."value" < excluded."value"`,
      params,
    );
    const watermark = parse((await tx.query<{ value: string }>(SELECT_SQLITE, [WATERMARK_SETTING]))[0]?.value);
    if (!watermark) throw new Error("the retention watermark was not written");
    return watermark;
  });
}

/** What an ingestion answers for an event older than the watermark. */
export const pastRetentionMessage = (watermark: Date) =>
  `events before ${watermark.toISOString()} are past the retention period and cannot be counted again`;
