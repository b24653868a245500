// Delivery of the outbox. Every app instance looks for due alerts every few seconds (lib/jobs); each alert is claimed
// with a lease of its own before it is sent, and its state is read again under the lease, so two instances never
// send one alert at once. An attempt that fails is retried with exponential backoff (honouring Retry-After) until the
// alert is 24 hours old, then the alert is marked failed. Delivery is at least once: an instance that dies after
// sending but before recording leaves the alert to be sent again, with the same webhook-id, once its lease expires.
import type { Database } from "@/lib/db/database";
import { alertChannelSchema, type AlertChannel } from "@/lib/contract/alerts";
import { listAlertChannels } from "@/lib/db/queries/listAlertChannels";
import { listDueAlerts } from "@/lib/db/queries/listDueAlerts";
import { readAlert } from "@/lib/db/queries/readAlert";
import { recordAlertAttempt, type AlertAttemptRecord } from "@/lib/db/queries/recordAlertAttempt";
import { insertAlerts } from "@/lib/db/queries/insertAlerts";
import { NOT_ACQUIRED, withLease } from "@/lib/jobs/lease";
import { InvalidParameterError } from "@/lib/errors";
import { alertLink, newAlertId, type AlertPayload } from "./outbox";
import { TEST_ALERT } from "./channels/message";
import { send, type Outcome, type SendOptions } from "./send";

/** How long an alert is retried before it is marked failed. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 30 * 1000;
const LONGEST_WAIT_MS = 6 * 60 * 60 * 1000;
/** An instance that died while sending holds its alert this long (renewed while it sends). */
export const ALERT_LEASE_MS = 2 * 60 * 1000;
/** Alerts sent at once by one instance: a slow receiver holds one of them, not the queue. */
const PARALLEL = 4;
const BATCH = 50;

/**
 * When to try again after `attempts` failed attempts: 30 s, doubling up to 6 hours, never before the receiver's
 * Retry-After, and at the latest when the alert turns 24 hours old (one last attempt); null once it is that old.
 */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date, retryAfterMs: number | null = null): Date | null {
  const deadline = createdAt.getTime() + GIVE_UP_AFTER_MS;
  if (now.getTime() >= deadline) return null;
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_WAIT_MS);
  return new Date(Math.min(now.getTime() + Math.max(backoff, retryAfterMs ?? 0), deadline));
}

export interface DeliverOptions extends Omit<SendOptions, "now"> {
  clock?: () => Date;
}

export interface DeliveryRound {
  delivered: number;
  retrying: number;
  failed: number;
}

async function channelsByKey(db: Database): Promise<Map<string, AlertChannel>> {
  const rows = await listAlertChannels(db);
  return new Map(rows.map((row) => [row.key, alertChannelSchema.parse(JSON.parse(row.definition))]));
}

/** What an attempt leaves: the attempt itself and the alert's state after it (pending again when `next` is set). */
function attemptRecord(id: string, count: number, startedAt: Date, at: Date, outcome: Outcome, next: Date | null): AlertAttemptRecord {
  return {
    alertId: id,
    attempt: count,
    at,
    durationMs: Math.max(0, at.getTime() - startedAt.getTime()),
    code: outcome.code,
    error: outcome.delivered ? null : outcome.error,
    status: outcome.delivered ? "delivered" : next ? "pending" : "failed",
    nextAttemptAt: next ?? at,
  };
}

/** Makes one attempt on one alert, if it is still due and no one else holds it; what came of it, or null. */
async function attempt(db: Database, id: string, channels: Map<string, AlertChannel>, options: DeliverOptions): Promise<Outcome | null> {
  const clock = options.clock ?? (() => new Date());
  const result = await withLease(db, `alert:${id}`, { ttlMs: ALERT_LEASE_MS, now: clock }, async () => {
    const alert = await readAlert(db.sql, id);
    const startedAt = clock();
    if (!alert || alert.status !== "pending" || alert.nextAttemptAt > startedAt) return null;
    const channel = channels.get(alert.channel);
    const outcome: Outcome = channel
      ? await send(channel, alert, { ...options, now: startedAt })
      : { delivered: false, code: null, error: `the channel "${alert.channel}" does not exist`, retry: false };
    const at = clock();
    const count = alert.attempts + 1;
    const next = outcome.delivered || !outcome.retry ? null : nextAttemptAt(alert.createdAt, count, at, outcome.retryAfterMs ?? null);
    await db.sql.transaction((tx) => recordAlertAttempt(tx, attemptRecord(id, count, startedAt, at, outcome, next)));
    return outcome.delivered || next !== null ? outcome : { ...outcome, retry: false };
  });
  return result === NOT_ACQUIRED ? null : result;
}

/** One round: every due alert this instance can claim, a few at a time. */
export async function deliverDue(db: Database, options: DeliverOptions = {}): Promise<DeliveryRound> {
  const now = (options.clock ?? (() => new Date()))();
  const due = await db.sql.read((tx) => listDueAlerts(tx, now, BATCH));
  const round: DeliveryRound = { delivered: 0, retrying: 0, failed: 0 };
  if (due.length === 0) return round;
  const channels = await channelsByKey(db);
  const queue = [...due];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const outcome = await attempt(db, id, channels, options);
      if (!outcome) continue;
      if (outcome.delivered) round.delivered++;
      else if (outcome.retry) round.retrying++;
      else round.failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, worker));
  return round;
}

/**
 * "Send a test": a test alert on one channel, sent at once and recorded with its one attempt in one transaction, so
 * the worker never sees it pending: a failed test is not retried.
 */
export async function sendTest(db: Database, channelKey: string, options: DeliverOptions = {}): Promise<Outcome> {
  const channel = (await channelsByKey(db)).get(channelKey);
  if (!channel) throw new InvalidParameterError("channel", `unknown channel "${channelKey}"`);
  const clock = options.clock ?? (() => new Date());
  const startedAt = clock();
  const id = newAlertId();
  const payload = JSON.stringify({ type: TEST_ALERT, timestamp: startedAt.toISOString(), data: { channel: channelKey, url: alertLink("/admin/alerts") } } satisfies AlertPayload);
  const sent = await send(channel, { id, payload }, { ...options, now: startedAt });
  const outcome: Outcome = sent.delivered ? sent : { ...sent, retry: false };
  const at = clock();
  await db.sql.transaction(async (tx) => {
    await insertAlerts(tx, [{ id, channel: channelKey, trigger: TEST_ALERT, cause: `${TEST_ALERT}:${id}`, workflow: null, cohort: null, payload, createdAt: startedAt }]);
    await recordAlertAttempt(tx, attemptRecord(id, 1, startedAt, at, outcome, null));
  });
  return outcome;
}
