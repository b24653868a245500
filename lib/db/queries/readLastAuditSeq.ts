import type { SqlExecutor } from "@/lib/db/sql";

/** The sequence number of the newest audit record; 0 for an empty trail. */
export async function readLastAuditSeq(tx: SqlExecutor): Promise<number> {
  const [row] = await tx.query<{ seq: number | string | bigint | null }>(`SELECT MAX("seq") AS "seq" FROM "AuditRecord"`);
  return Number(row?.seq ?? 0);
}
