// INSERT … ON CONFLICT in the syntax SQLite and Postgres share. Postgres gets multi-row statements, chunked under
// its parameter limit (each statement is a round trip). SQLite runs in-process, where one prepared single-row
// statement per row is faster than building and binding large multi-row ones.
import type { Param, Row, SqlExecutor } from "./sql";

const MAX_PARAMS = 30_000;
const MAX_ROWS = 250;

export interface BulkInsert {
  table: string;
  columns: readonly string[];
  rows: readonly (readonly Param[])[];
  /** The ON CONFLICT clause, e.g. `ON CONFLICT ("id") DO NOTHING`. */
  onConflict: string;
  returning?: readonly string[];
}

const quote = (name: string) => `"${name}"`;

export async function bulkInsert<T = Row>(tx: SqlExecutor, insert: BulkInsert): Promise<T[]> {
  return tx.dialect === "sqlite" ? insertRowByRow<T>(tx, insert) : insertMultiRow<T>(tx, insert);
}

/** With `returning`, only for DO NOTHING conflicts: a row that changed nothing was not inserted. */
async function insertRowByRow<T>(tx: SqlExecutor, { table, columns, rows, onConflict, returning }: BulkInsert): Promise<T[]> {
  const sql = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")}) ${onConflict}`;
  const changes = await tx.executeEach(sql, rows);
  if (!returning) return [];
  const returned = returning.map((name) => columns.indexOf(name));
  return rows.flatMap((row, r) => (changes[r]! > 0 ? [Object.fromEntries(returned.map((i, k) => [returning[k]!, row[i]])) as T] : []));
}

async function insertMultiRow<T>(tx: SqlExecutor, { table, columns, rows, onConflict, returning }: BulkInsert): Promise<T[]> {
  const chunk = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length)));
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES `;
  const tail = ` ${onConflict}${returning ? ` RETURNING ${returning.map(quote).join(", ")}` : ""}`;
  const results: T[] = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    const sql = head + Array.from({ length: slice.length }, () => tuple).join(", ") + tail;
    const params = slice.flat();
    if (returning) results.push(...(await tx.query<T>(sql, params)));
    else await tx.execute(sql, params);
  }
  return results;
}

/** `ON CONFLICT (keys) DO UPDATE SET c = "T".c + excluded.c` for counters. */
export function addOnConflict(table: string, keys: readonly string[], counters: readonly string[]): string {
  const sets = counters.map((c) => `${quote(c)} = ${quote(table)}.${quote(c)} + excluded.${quote(c)}`).join(", ");
  return `ON CONFLICT (${keys.map(quote).join(", ")}) DO UPDATE SET ${sets}`;
}
