import type { SqlExecutor } from "@/lib/db/sql";

/** The database's size on disk in bytes (SQLite: its pages, the WAL not counted; Postgres: pg_database_size). */
export async function readDatabaseBytes(tx: SqlExecutor): Promise<number> {
  const [row] =
    tx.dialect === "sqlite"
      ? await tx.query<{ bytes: number }>(`SELECT page_count * page_size AS "bytes" FROM pragma_page_count(), pragma_page_size()`)
      : await tx.query<{ bytes: string }>(`SELECT pg_database_size(current_database()) AS "bytes"`);
  return Number(row?.bytes ?? 0);
}
