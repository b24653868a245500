import type { SqlExecutor } from "@/lib/db/sql";

/** Postgres only: how many tables the public schema holds (none: an empty database to restore into). */
export async function countPostgresTables(tx: SqlExecutor): Promise<number> {
  const [row] = await tx.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`);
  return Number(row?.n ?? 0);
}
