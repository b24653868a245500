// Timestamps read through the raw driver. Prisma stores instants in UTC, but the drivers hand them back
// differently: SQLite as Prisma's ISO text, node-pg as a Date parsed from a zoneless `timestamp` in the process'
// local zone (an hour off in Berlin). Read as ISO text on both, `new Date(text)` is exact whatever the zone.
import type { SqlExecutor } from "./sql";

/** The SQL that reads a timestamp column (of the table or alias `table`, when given) as ISO text with its zone. */
export function timestampText(tx: SqlExecutor, column: string, table?: string): string {
  const name = table === undefined ? `"${column}"` : `${table}."${column}"`;
  return tx.dialect === "postgres" ? `to_char(${name}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : name;
}
