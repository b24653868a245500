// Reading the audit trail: filters by local date range (installation timezone), actor, action and target; newest
// first; paged by sequence number (keyset paging: a page is "the next N records older than seq X", so records
// appended meanwhile never shift or repeat a page).
import type { z } from "zod";
import type { Database } from "@/lib/db/database";
import type { auditPage, auditRecord } from "@/lib/contract/responses/admin";
import { listAuditRecords, type AuditRecordFilter, type StoredAuditRecord } from "@/lib/db/queries/listAuditRecords";
import type { ActorType } from "@/lib/contract/vocabulary";
import { installationTimezone } from "@/lib/time/installation";
import { addDays, startOfLocalDay } from "@/lib/time";

export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 1000;

export interface AuditFilter {
  /** First local day (YYYY-MM-DD, installation timezone), inclusive. */
  from?: string;
  /** Last local day, inclusive. */
  to?: string;
  /** A case-insensitive part of the actor's name, or the whole name with actorMatch "exact". */
  actor?: string;
  actorMatch?: "contains" | "exact";
  actorType?: ActorType;
  /** An exact action, or a prefix when it ends with "." (key. → key.create, key.revoke). */
  action?: string;
  target?: string;
  /** Only records with a smaller sequence number (the next, older page). */
  before?: number;
  limit?: number;
}

/** One record as the API and the page show it, and a page of them: the shapes lib/contract/responses/admin.ts documents. */
export type AuditRecordView = z.output<typeof auditRecord>;
export type AuditPage = z.output<typeof auditPage>;

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** LIKE's wildcards, and Postgres' default LIKE escape, which Prisma's contains/startsWith pass through unescaped. */
const LIKE_SPECIAL = /[%_\\]/;

type RowCheck = (row: { actor: string; action: string }) => boolean;

/**
 * Splits off the parts of a filter the database cannot be trusted with: an actor part or action prefix holding a
 * LIKE wildcard. Those leave the query and are checked here instead (so "ops_agent" never matches "opsXagent").
 */
function splitWildcards(filter: AuditFilter): { query: AuditFilter; recheck: RowCheck | null } {
  const actor = filter.actor?.trim();
  const action = filter.action?.trim();
  const actorPart = actor && filter.actorMatch !== "exact" && LIKE_SPECIAL.test(actor) ? actor.toLowerCase() : null;
  const actionPrefix = action?.endsWith(".") && LIKE_SPECIAL.test(action) ? action : null;
  if (actorPart === null && actionPrefix === null) return { query: filter, recheck: null };
  const query = { ...filter, ...(actorPart !== null ? { actor: undefined } : {}), ...(actionPrefix !== null ? { action: undefined } : {}) };
  const recheck: RowCheck = (row) => (actorPart === null || row.actor.toLowerCase().includes(actorPart)) && (actionPrefix === null || row.action.startsWith(actionPrefix));
  return { query, recheck };
}

/** An audit query in stored terms; the timezone turns local days into instants. */
export function recordFilter(filter: AuditFilter, timezone: string): AuditRecordFilter {
  const actor = filter.actor?.trim();
  const action = filter.action?.trim();
  return {
    from: filter.from ? startOfLocalDay(filter.from, timezone) : undefined,
    until: filter.to ? startOfLocalDay(addDays(filter.to, 1), timezone) : undefined,
    actor: actor ? (filter.actorMatch === "exact" ? { exact: actor } : { contains: actor }) : undefined,
    actorType: filter.actorType,
    action: action ? (action.endsWith(".") ? { prefix: action } : { exact: action }) : undefined,
    target: filter.target?.trim() || undefined,
    before: filter.before,
  };
}

function view(row: StoredAuditRecord): AuditRecordView {
  return {
    seq: row.seq,
    at: row.at,
    actorType: row.actorType,
    actor: row.actor,
    action: row.action,
    target: row.target,
    source: row.source,
    before: parseJson(row.before),
    after: parseJson(row.after),
    count: row.count,
  };
}

/** Rows read at a time while a filter is checked here rather than by the database. */
const RECHECK_BATCH = 1000;

/** One page of audit records matching the filter, newest first. */
export async function listAudit(db: Database, filter: AuditFilter = {}): Promise<AuditPage> {
  const timezone = await installationTimezone(db);
  const limit = Math.min(Math.max(1, Math.trunc(filter.limit ?? DEFAULT_AUDIT_LIMIT)), MAX_AUDIT_LIMIT);
  const { query, recheck } = splitWildcards(filter);
  const read = (before: number | undefined, take: number) =>
    listAuditRecords(db, recordFilter({ ...query, before }, timezone), take);
  let rows: Awaited<ReturnType<typeof read>>;
  if (!recheck) {
    rows = await read(filter.before, limit + 1);
  } else {
    rows = [];
    let before = filter.before;
    while (rows.length <= limit) {
      const batch = await read(before, RECHECK_BATCH);
      rows.push(...batch.filter(recheck));
      if (batch.length < RECHECK_BATCH) break;
      before = batch.at(-1)!.seq;
    }
  }
  const more = rows.length > limit;
  const records = rows.slice(0, limit).map(view);
  return { records, nextBefore: more ? records.at(-1)!.seq : null };
}
