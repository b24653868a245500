import type { Database } from "@/lib/db/database";
import type { Prisma } from "@/lib/db/prisma";

/** An audit query in stored terms: instants, not local days (lib/audit turns those into these). */
export interface AuditRecordFilter {
  /** At or after this instant. */
  from?: Date;
  /** Before this instant. */
  until?: Date;
  actor?: { exact: string } | { contains: string };
  actorType?: string;
  /** An exact action, or a prefix. */
  action?: { exact: string } | { prefix: string };
  target?: string;
  /** Only records with a smaller sequence number (keyset paging). */
  before?: number;
}

function recordWhere(filter: AuditRecordFilter, dialect: Database["dialect"]): Prisma.AuditRecordWhereInput {
  const and: Prisma.AuditRecordWhereInput[] = [];
  if (filter.from) and.push({ at: { gte: filter.from } });
  if (filter.until) and.push({ at: { lt: filter.until } });
  if (filter.actor && "exact" in filter.actor) and.push({ actor: filter.actor.exact });
  // SQLite's LIKE ignores ASCII case already; Postgres needs to be told (its client accepts `mode`, the SQLite one's types do not).
  else if (filter.actor) and.push({ actor: { contains: filter.actor.contains, ...(dialect === "postgres" ? { mode: "insensitive" } : {}) } as Prisma.StringFilter });
  if (filter.actorType) and.push({ actorType: filter.actorType });
  if (filter.action) and.push({ action: "prefix" in filter.action ? { startsWith: filter.action.prefix } : filter.action.exact });
  if (filter.target) and.push({ target: filter.target });
  if (filter.before !== undefined) and.push({ seq: { lt: filter.before } });
  return and.length ? { AND: and } : {};
}

/** Audit records matching the filter, newest first, at most `take`. */
export function listAuditRecords(db: Database, filter: AuditRecordFilter, take: number) {
  return db.prisma.auditRecord.findMany({ where: recordWhere(filter, db.dialect), orderBy: { seq: "desc" }, take });
}

export type StoredAuditRecord = Awaited<ReturnType<typeof listAuditRecords>>[number];
