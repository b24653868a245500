// Raw-event retention and legal holds. Raw events older than the retention period (days, set by admins) are
// deleted, in short batches so ingestion is never held up for long, except for workflows under a legal hold.
// Rollups, tasks, actor-days, decisions, checklist history and the audit trail are kept: the figures stay the same
// after a purge. Because the rollups already counted every purged event, the watermark (lib/db/watermark.ts)
// is committed before any delete and ingestion refuses events older than it, so a re-sent copy is never counted twice.
import type { Database } from "@/lib/db/database";
import { SETTING_KEYS } from "@/lib/db/settings";
import { installationTimezone } from "@/lib/time/installation";
import { inTransaction } from "@/lib/db/transaction";
import { requireWorkflow } from "@/lib/db/queries/requireWorkflow";
import {
  countDueEvents,
  deleteDueEvents,
  deleteExpiredCredentials,
  deleteLegalHold,
  listLegalHoldRows,
  listWorkflowCohortPairs,
  readLastAuditRecord,
  readLegalHold,
  readSettingValue,
  saveLegalHold,
  saveSettingValue,
  type DueEvents,
} from "@/lib/db/queries/retentionRows";
import { localDay } from "@/lib/time";
import { actorLabel, appendAudit, appendAuditSql, type Actor } from "@/lib/audit/audit";
import { advanceWatermark, readWatermark } from "@/lib/db/watermark";
import { idleTimeoutMs } from "@/lib/auth/sessions";
import { SIGN_IN_THROTTLE } from "@/lib/auth/throttle";
import { deleteIdleThrottles } from "@/lib/db/queries/deleteIdleThrottles";

export const DEFAULT_RETENTION_DAYS = 400;
export const DEFAULT_BATCH_SIZE = 5_000;
const DAY_MS = 86_400_000;

export interface LegalHoldView {
  workflow: string;
  reason: string;
  placedBy: string;
  placedAt: Date;
}

export interface RetentionStatus {
  days: number;
  watermark: Date | null;
  lastRun: { at: Date; actor: string; total: number } | null;
  holds: LegalHoldView[];
}

export interface RetentionRun {
  at: Date;
  days: number;
  /** Events that occurred before this instant were deleted (outside held workflows). */
  cutoff: Date;
  /** The watermark after the run: the newest cutoff ever purged (null while no run has had anything to delete). */
  watermark: Date | null;
  /** Deleted events per workflow (workflows with none deleted are left out). */
  deleted: Record<string, number>;
  /** Workflows under a legal hold, skipped. */
  held: string[];
  total: number;
  /** Ended sessions and spent or expired sign-in links removed by the run (their records are of no further use). */
  expiredCredentials: number;
  /** Sign-in throttle counts left alone longer than the throttle remembers anything (lib/auth/throttle.ts). */
  idleThrottles: number;
}

export interface RunOptions {
  now?: Date;
  /** Events deleted per transaction. */
  batchSize?: number;
  /** Called after each batch with the events deleted so far and the number due at the start. */
  onProgress?: (done: number, total: number) => void;
}

export async function readRetentionDays(db: Database): Promise<number> {
  const value = await readSettingValue(db, SETTING_KEYS.retentionDays);
  const days = value === null ? NaN : Number(value);
  return Number.isInteger(days) && days > 0 ? days : DEFAULT_RETENTION_DAYS;
}

/** Sets the retention period (validated by the caller against lib/contract/accounts.ts); audited as retention.update. */
export async function setRetentionDays(db: Database, days: number, actor: Actor, now = new Date()): Promise<{ days: number }> {
  const before = await readRetentionDays(db);
  await inTransaction(db, async (tx) => {
    await saveSettingValue(tx, SETTING_KEYS.retentionDays, String(days));
    await appendAudit(tx, actor, { action: "retention.update", target: "retention", before: { days: before }, after: { days } }, now);
  });
  return { days };
}

/** Places (or updates the reason of) a legal hold on a workflow; audited as legal_hold.place. */
export async function placeLegalHold(db: Database, workflow: string, reason: string, actor: Actor, now = new Date()): Promise<LegalHoldView> {
  await requireWorkflow(db.sql, workflow);
  const hold = { workflow, reason, placedBy: actorLabel(actor), placedAt: now };
  await inTransaction(db, async (tx) => {
    const previous = await readLegalHold(tx, workflow);
    await saveLegalHold(tx, hold);
    const before = previous ? { reason: previous.reason, placedBy: previous.placedBy, placedAt: previous.placedAt } : null;
    await appendAudit(tx, actor, { action: "legal_hold.place", target: workflow, before, after: { reason, placedBy: hold.placedBy, placedAt: now } }, now);
  });
  return hold;
}

/** Lifts a workflow's legal hold; audited as legal_hold.lift. Lifting where none is placed changes (and records) nothing. */
export async function liftLegalHold(db: Database, workflow: string, actor: Actor, now = new Date()): Promise<{ workflow: string; lifted: boolean }> {
  await requireWorkflow(db.sql, workflow);
  const lifted = await inTransaction(db, async (tx) => {
    const previous = await readLegalHold(tx, workflow);
    if (!previous) return false;
    await deleteLegalHold(tx, workflow);
    const before = { reason: previous.reason, placedBy: previous.placedBy, placedAt: previous.placedAt };
    await appendAudit(tx, actor, { action: "legal_hold.lift", target: workflow, before, after: null }, now);
    return true;
  });
  return { workflow, lifted };
}

export async function listLegalHolds(db: Database): Promise<LegalHoldView[]> {
  const holds = await listLegalHoldRows(db);
  return holds.map(({ workflow, reason, placedBy, placedAt }) => ({ workflow, reason, placedBy, placedAt }));
}

export async function retentionStatus(db: Database): Promise<RetentionStatus> {
  const [days, watermark, holds, last] = await Promise.all([
    readRetentionDays(db),
    readWatermark(db.sql),
    listLegalHolds(db),
    readLastAuditRecord(db, "retention.run"),
  ]);
  let lastRun: RetentionStatus["lastRun"] = null;
  if (last) {
    const after = JSON.parse(last.after ?? "{}") as { total?: unknown };
    lastRun = { at: last.at, actor: `${last.actorType}:${last.actor}`, total: typeof after.total === "number" ? after.total : 0 };
  }
  return { days, watermark, lastRun, holds };
}

/**
 * Deletes raw events older than now − days outside held workflows, each batch in its own short transaction, after
 * committing the watermark; appends one retention.run audit record with the counts.
 */
export async function runRetention(db: Database, actor: Actor, options: RunOptions = {}): Promise<RetentionRun> {
  const now = options.now ?? new Date();
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const [days, timezone, holds, allPairs] = await Promise.all([
    readRetentionDays(db),
    installationTimezone(db),
    listLegalHoldRows(db),
    listWorkflowCohortPairs(db),
  ]);
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const cutoffDay = localDay(cutoff, timezone);
  const held = holds.map((h) => h.workflow).sort();
  const heldSet = new Set(held);
  // Events need registered keys, and keys are never removed from the registry: these pairs cover every event.
  const pairs = allPairs.filter(([workflow]) => !heldSet.has(workflow)).map(([workflow, cohort]): DueEvents => ({ workflow, cohort, cutoffDay, cutoff }));

  let due = 0;
  for (const pair of pairs) due += await countDueEvents(db.sql, pair);
  options.onProgress?.(0, due);
  // Before any delete: from its commit on, no ingestion can store an event this run deletes (see watermark.ts). A run
  // with nothing to delete leaves it alone (an old event arriving meanwhile waits for the next run), so the
  // watermark, and the refusal of `rollups rebuild` it brings, exist only once something was actually purged.
  // The watermark commits with a retention.start record, so a run killed between batches (a deploy's SIGTERM) still
  // leaves a trace of what it set out to delete, though it never gets to append its retention.run.
  const start = { cutoff: cutoff.toISOString(), days, due, held };
  const watermark =
    due > 0
      ? await advanceWatermark(db.sql, cutoff, (tx) => appendAuditSql(tx, actor, { action: "retention.start", target: "events", after: start }, now))
      : await readWatermark(db.sql);

  const deleted: Record<string, number> = {};
  let total = 0;
  const summary = () => ({ cutoff: cutoff.toISOString(), days, watermark: watermark?.toISOString() ?? null, deleted, held, total });
  try {
    for (const pair of pairs) {
      if (due === 0) break;
      for (;;) {
        // Each batch in its own short transaction; the hold is checked again in every batch (deleteDueEvents).
        const n = await db.sql.transaction((tx) => deleteDueEvents(tx, pair, batchSize));
        if (n > 0) {
          deleted[pair.workflow] = (deleted[pair.workflow] ?? 0) + n;
          total += n;
          options.onProgress?.(total, Math.max(due, total));
        }
        if (n < batchSize) break;
      }
    }
  } catch (error) {
    // A run that fails half-way has deleted what its committed batches deleted: the trail says so before the error goes on.
    await appendAudit(db, actor, { action: "retention.run", target: "events", after: { ...summary(), failed: String((error as Error)?.message ?? error).slice(0, 500) } }, now);
    throw error;
  }

  // Sessions and sign-in links are kept no longer than they work.
  const expiredCredentials = await deleteExpiredCredentials(db, now, new Date(now.getTime() - idleTimeoutMs()));
  const idleThrottles = await deleteIdleThrottles(db.sql, new Date(now.getTime() - SIGN_IN_THROTTLE.forgetMs));
  const run: RetentionRun = { at: now, days, cutoff, watermark, deleted, held, total, expiredCredentials, idleThrottles };
  await appendAudit(db, actor, {
    action: "retention.run",
    target: "events",
    after: { ...summary(), expiredCredentials, idleThrottles },
  }, now);
  return run;
}
