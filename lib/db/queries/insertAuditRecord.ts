import type { Database } from "@/lib/db/database";
import type { SqlExecutor } from "@/lib/db/sql";
import { clientOf, type Transaction } from "@/lib/db/transaction";

export interface AuditRow {
  at: Date;
  actorType: string;
  actor: string;
  action: string;
  target: string | null;
  source: string | null;
  before: string | null;
  after: string | null;
}

/** Appends one audit record, on its own or in the transaction (Prisma's) of the change it records. */
export async function insertAuditRecord(client: Database | Transaction, row: AuditRow): Promise<void> {
  await clientOf(client).auditRecord.create({ data: row });
}

/** The same, in a transaction of the raw driver (lib/db/sql.ts). */
export async function insertAuditRecordSql(tx: SqlExecutor, row: AuditRow): Promise<void> {
  await tx.execute(
    `INSERT INTO "AuditRecord" ("at", "actorType", "actor", "action", "target", "source", "before", "after") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [row.at, row.actorType, row.actor, row.action, row.target, row.source, row.before, row.after],
  );
}
