// The audit trail: who (a user, a key, a CLI user, a job) did what, when, from where, with the state before and
// after. Records are only ever appended (database triggers refuse UPDATE and DELETE, except raising the count of a
// stranger's refusal record); callers append inside the transaction of the change they record, so a change without
// its record, or a record without its change, never exists.
import os from "node:os";
import type { Database } from "@/lib/db/database";
import { countRefusal } from "@/lib/db/queries/countRefusal";
import { insertAuditRecord, insertAuditRecordSql, type AuditRow } from "@/lib/db/queries/insertAuditRecord";
import type { Transaction } from "@/lib/db/transaction";
import { addressGroup } from "@/lib/http";
import type { SqlExecutor } from "@/lib/db/sql";
import type { ActorType } from "@/lib/contract/vocabulary";

export interface Actor {
  type: ActorType;
  /** The user's email, the key's name, the operating-system user, or the job's name. */
  name: string;
  /** The client address of a web request; "cli" for a command; null when unknown. */
  source: string | null;
}

export interface AuditEntry {
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
}

function auditRow(actor: Actor, entry: AuditEntry, at: Date): AuditRow {
  return {
    at,
    actorType: actor.type,
    actor: actor.name,
    action: entry.action,
    target: entry.target ?? null,
    source: actor.source,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  };
}

/** Appends a record on its own (`db`) or in the transaction of the change it records (`tx`). */
export async function appendAudit(client: Database | Transaction, actor: Actor, entry: AuditEntry, at = new Date()): Promise<void> {
  await insertAuditRecord(client, auditRow(actor, entry, at));
}

/** The window in which one address's repeated refusals of one kind count into one record. */
export const REFUSAL_WINDOW_MS = 15 * 60_000;

/**
 * Records a refusal of a stranger (a failed or throttled sign-in, a refused key, a rate-limited request): counted
 * into one record per action, address group (an IPv6 /64) and 15-minute window, so repeating it adds at most one
 * record per window however often it comes. The record keeps the window's first target and details, and the count.
 */
export async function recordRefusal(db: Database, source: string | null, entry: AuditEntry, at = new Date()): Promise<void> {
  const target = entry.target ?? null;
  await countRefusal(
    db.sql,
    { at, actor: target ?? "anonymous", action: entry.action, target, source: source === null ? null : addressGroup(source), after: entry.after === undefined ? null : JSON.stringify(entry.after) },
    REFUSAL_WINDOW_MS,
  );
}

/** appendAudit for a change made through the raw driver (lib/db/sql.ts), in that change's transaction. */
export async function appendAuditSql(tx: SqlExecutor, actor: Actor, entry: AuditEntry, at = new Date()): Promise<void> {
  await insertAuditRecordSql(tx, auditRow(actor, entry, at));
}

/** The person running a `tollgate` command: the operating-system user, since the CLI has shell access anyway. */
export function cliActor(): Actor {
  let name = "unknown";
  try {
    name = os.userInfo().username;
  } catch {
    // no passwd entry for the uid (some containers)
  }
  return { type: "cli", name, source: "cli" };
}

/** An in-process job such as the daily retention run. */
export const systemActor = (job: string): Actor => ({ type: "system", name: job, source: null });

/** How decisions, checklist changes and the like name who made them (kept as text in those tables). */
export function actorLabel(actor: Actor): string {
  return `${actor.type}:${actor.name}`;
}
