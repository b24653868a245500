import type { SqlDriver } from "@/lib/db/sql";

export interface RefusalRecord {
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  /** The address group refused (lib/http.ts addressGroup); null when unknown. */
  source: string | null;
  after: string | null;
}

/**
 * Counts a stranger's refusal into the audit record of its action and source for the window holding `at` (windows of
 * `windowMs` from the epoch): the count of the record already there goes up by one, or the window's first refusal
 * is appended with count 1. One transaction, serialized per record (SQLite's writer; a Postgres advisory lock), so
 * parallel refusals never append a second record for a window. Returns the record's count.
 */
export function countRefusal(sql: SqlDriver, refusal: RefusalRecord, windowMs: number): Promise<number> {
  const start = new Date(Math.floor(refusal.at.getTime() / windowMs) * windowMs);
  const sameSource = refusal.source === null ? `"source" IS NULL` : `"source" = ?`;
  const params = [refusal.action, ...(refusal.source === null ? [] : [refusal.source]), start, new Date(start.getTime() + windowMs)];
  return sql.transaction(async (tx) => {
    if (tx.dialect === "postgres") await tx.query(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`refusal ${refusal.action} ${refusal.source} ${start.toISOString()}`]);
    const [found] = await tx.query<{ seq: number | string; count: number | string }>(
      `SELECT "seq", "count" FROM "AuditRecord" WHERE "action" = ? AND ${sameSource} AND "at" >= ? AND "at" < ? AND "actorType" = 'anonymous' ORDER BY "seq" LIMIT 1`,
      params,
    );
    if (found) {
      await tx.execute(`UPDATE "AuditRecord" SET "count" = "count" + 1 WHERE "seq" = ?`, [Number(found.seq)]);
      return Number(found.count) + 1;
    }
    await tx.execute(
      `INSERT INTO "AuditRecord" ("at", "actorType", "actor", "action", "target", "source", "before", "after", "count") VALUES (?, 'anonymous', ?, ?, ?, ?, NULL, ?, 1)`,
      [refusal.at, refusal.actor, refusal.action, refusal.target, refusal.source, refusal.after],
    );
    return 1;
  });
}
