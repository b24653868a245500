// What a drill checks in the database afterwards: stored ids, duplicates, rollups against a rebuild, integrity.
import Database from "better-sqlite3";
import type { Database as TollgateDatabase } from "@/lib/db/database";
import { readTimezone } from "@/lib/db/settings";
import { rebuildRollups, ROLLUP_TABLES } from "@/lib/ingest/rebuildRollups";
import { eventKey } from "@/lib/ingest/identity";

/**
 * Every stored event by identity (eventKey: workflow and id), and the identities stored more than once (the primary
 * key forbids it; checked anyway).
 */
export async function storedIds(db: TollgateDatabase, where = ""): Promise<{ ids: Set<string>; rows: number; duplicated: number }> {
  const ids = new Set<string>();
  let rows = 0;
  let after = { workflow: "", id: "" };
  for (;;) {
    const page = await db.sql.query<{ workflow: string; id: string }>(
      `SELECT "workflow", "id" FROM "Event" WHERE ("workflow" > ? OR ("workflow" = ? AND "id" > ?)) ${where ? `AND (${where})` : ""}
       ORDER BY "workflow", "id" LIMIT 20000`,
      [after.workflow, after.workflow, after.id],
    );
    if (page.length === 0) break;
    for (const event of page) ids.add(eventKey(event));
    rows += page.length;
    after = page.at(-1)!;
  }
  const duplicates = await db.sql.query<{ n: number | string }>(
    `SELECT COUNT(*) AS "n" FROM (SELECT "workflow", "id" FROM "Event" ${where ? `WHERE ${where}` : ""} GROUP BY "workflow", "id" HAVING COUNT(*) > 1) AS "d"`,
  );
  return { ids, rows, duplicated: Number(duplicates[0]?.n ?? 0) };
}

const cellText = (value: unknown) => (value instanceof Date ? value.toISOString() : typeof value === "bigint" ? value.toString() : String(value));

/** The rollup tables as sorted row strings; TaskDay rows whose count went back to 0 are left out (a rebuild has none). */
export async function rollupSnapshot(db: TollgateDatabase): Promise<Map<string, string[]>> {
  const tables = new Map<string, string[]>();
  for (const table of ROLLUP_TABLES) {
    const rows = await db.sql.query<Record<string, unknown>>(`SELECT * FROM "${table}"`);
    tables.set(
      table,
      rows
        .filter((row) => !(table === "TaskDay" && Number(row.tasks) === 0 && Number(row.escalatedTasks) === 0))
        .map((row) => JSON.stringify(Object.keys(row).sort().map((k) => [k, cellText(row[k])])))
        .sort(),
    );
  }
  return tables;
}

export interface RollupComparison {
  rows: number;
  /** Rows present on one side only (a changed row counts twice). */
  mismatched: number;
  details: string[];
}

/** Rebuilds every rollup from the raw events in place and compares with the incremental ones it replaced. */
export async function rollupsAgainstRebuild(db: TollgateDatabase): Promise<RollupComparison> {
  const before = await rollupSnapshot(db);
  const timezone = await readTimezone(db);
  await rebuildRollups(db, timezone);
  const after = await rollupSnapshot(db);
  let rows = 0;
  let mismatched = 0;
  const details: string[] = [];
  for (const [table, incremental] of before) {
    const rebuilt = after.get(table) ?? [];
    rows += rebuilt.length;
    const a = new Set(incremental);
    const b = new Set(rebuilt);
    const onlyIncremental = incremental.filter((row) => !b.has(row));
    const onlyRebuilt = rebuilt.filter((row) => !a.has(row));
    mismatched += onlyIncremental.length + onlyRebuilt.length;
    if (onlyIncremental.length + onlyRebuilt.length > 0) {
      details.push(`${table}: ${onlyIncremental.length} incremental rows differ from ${onlyRebuilt.length} rebuilt rows; e.g. ${onlyIncremental[0] ?? "–"} vs ${onlyRebuilt[0] ?? "–"}`);
    }
  }
  return { rows, mismatched, details };
}

/** PRAGMA integrity_check of a SQLite file: "ok" or the problems it lists. */
export function sqliteIntegrity(file: string): string {
  const db = new Database(file, { fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}
