// What retention reads and writes: its period (a Setting row), legal holds, the events due for deletion per
// (workflow, cohort), and the credentials that no longer work. lib/retention decides what is due and when.
import type { Database } from "@/lib/db/database";
import type { SqlExecutor } from "@/lib/db/sql";
import type { Transaction } from "@/lib/db/transaction";

export async function readSettingValue(db: Database, key: string): Promise<string | null> {
  return (await db.prisma.setting.findUnique({ where: { key } }))?.value ?? null;
}

export async function saveSettingValue(tx: Transaction, key: string, value: string): Promise<void> {
  await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

export interface LegalHoldRow {
  workflow: string;
  reason: string;
  placedBy: string;
  placedAt: Date;
}

export function readLegalHold(tx: Transaction, workflow: string): Promise<LegalHoldRow | null> {
  return tx.legalHold.findUnique({ where: { workflow } });
}

export async function saveLegalHold(tx: Transaction, hold: LegalHoldRow): Promise<void> {
  await tx.legalHold.upsert({ where: { workflow: hold.workflow }, create: hold, update: hold });
}

export async function deleteLegalHold(tx: Transaction, workflow: string): Promise<void> {
  await tx.legalHold.delete({ where: { workflow } });
}

export function listLegalHoldRows(db: Database): Promise<LegalHoldRow[]> {
  return db.prisma.legalHold.findMany({ orderBy: { workflow: "asc" } });
}

/** The newest audit record of an action (retention.run: the last run). */
export function readLastAuditRecord(db: Database, action: string) {
  return db.prisma.auditRecord.findFirst({ where: { action }, orderBy: { seq: "desc" } });
}

/** Every registered (workflow, cohort) pair, ordered: events need registered keys, so these cover every event. */
export async function listWorkflowCohortPairs(db: Database): Promise<[string, string][]> {
  const [workflows, cohorts] = await Promise.all([
    db.prisma.workflow.findMany({ select: { key: true }, orderBy: { key: "asc" } }),
    db.prisma.cohort.findMany({ select: { key: true }, orderBy: { key: "asc" } }),
  ]);
  return workflows.flatMap((w) => cohorts.map((c): [string, string] => [w.key, c.key]));
}

/** A workflow's and cohort's events older than the cutoff; `day <= cutoff's day` lets the (workflow, cohort, day) index serve it. */
const DUE = `"workflow" = ? AND "cohort" = ? AND "day" <= ? AND "occurredAt" < ?`;

export interface DueEvents {
  workflow: string;
  cohort: string;
  /** The cutoff's local day, for the index. */
  cutoffDay: string;
  cutoff: Date;
}

export async function countDueEvents(sql: SqlExecutor, due: DueEvents): Promise<number> {
  const [row] = await sql.query<{ n: number | string | bigint }>(`SELECT COUNT(*) AS "n" FROM "Event" WHERE ${DUE}`, [due.workflow, due.cohort, due.cutoffDay, due.cutoff]);
  return Number(row?.n ?? 0);
}

/**
 * Deletes up to `limit` due events in the caller's transaction; how many it deleted. The hold is checked again in the
 * statement itself, so a hold placed during a run stops its workflow's purge. An id names an event within its
 * workflow only: the same id in another workflow is another event.
 */
export function deleteDueEvents(tx: SqlExecutor, due: DueEvents, limit: number): Promise<number> {
  return tx.execute(
    `DELETE FROM "Event" WHERE "workflow" = ? AND "id" IN (SELECT "id" FROM "Event" WHERE ${DUE} LIMIT ?)
      AND NOT EXISTS (SELECT 1 FROM "LegalHold" WHERE "LegalHold"."workflow" = ?)`,
    [due.workflow, due.workflow, due.cohort, due.cutoffDay, due.cutoff, limit, due.workflow],
  );
}

/** Sessions past their absolute end or idle since `idleSince`, and sign-in links used or expired; how many went. */
export async function deleteExpiredCredentials(db: Database, now: Date, idleSince: Date): Promise<number> {
  const sessions = await db.prisma.session.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleSince } }] } });
  const links = await db.prisma.signInToken.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { usedAt: { not: null } }] } });
  return sessions.count + links.count;
}
