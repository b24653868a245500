import type { Row, SqlExecutor } from "@/lib/db/sql";

/** The whole audit trail as stored, oldest first: what a restore sets aside before it replaces the database. */
export async function readAuditRecords(tx: SqlExecutor): Promise<Row[]> {
  return tx.query(`SELECT * FROM "AuditRecord" ORDER BY "seq"`);
}
