// The pulls' background work, run by lib/jobs in every app instance: every check, each source with a `pull` block
// is one job of its own (`pull:<key>`) on the source's interval, under the source's lease, so across instances one
// process pulls a source at a time and a dead run's lease expires for the next run to resume. The command line's
// `tollgate pull` takes the same lease. A source that fails does not keep the others from their turn.
import type { Database } from "@/lib/db/database";
import { durationMs } from "@/lib/contract/sources";
import { readSources } from "@/lib/db/queries/readSources";
import { saveJobRun } from "@/lib/db/queries/saveJobRun";
import { markJobDue } from "@/lib/db/queries/markJobDue";
import { appendAuditSql, type Actor } from "@/lib/audit/audit";
import { runJob, type Job } from "@/lib/jobs/scheduler";
import { NOT_ACQUIRED, withLease } from "@/lib/jobs/lease";
import { ConflictError } from "@/lib/errors";
import { missingM365Settings } from "./config";
import { pullableSource, pullSource, type PullOptions, type PullSummary } from "./run";

export const pullJobName = (source: string) => `pull:${source}`;

/**
 * A pull's lease, renewed every third of it while the run lives: a run that dies holds its source at most this long,
 * then the next run (any instance, or `tollgate pull`) takes over from the last committed watermark.
 */
export const PULL_LEASE_MS = 30 * 1000;

/** One look at every pulling source: each due one runs (when this instance wins its lease). */
export async function pullDueSources(db: Database, now: Date, env: Record<string, string | undefined> = process.env): Promise<string[]> {
  // Without the connection's settings there is nothing to try; the page says what is missing.
  if (missingM365Settings(env).length) return [];
  const lines: string[] = [];
  for (const source of await readSources(db)) {
    if (!source.pull) continue;
    const job: Job = {
      name: pullJobName(source.key),
      everyMs: durationMs(source.pull.every)!,
      checkMs: 0,
      firstDelayMs: 0,
      leaseMs: PULL_LEASE_MS,
      async run() {
        const s = await pullSource(db, source.key, { now, env });
        return `Pull ${source.key}: ${s.import.counts.records} records, ${s.import.counts.new} new events.`;
      },
    };
    try {
      const outcome = await runJob(db, job, now);
      if (outcome.ran && outcome.message) lines.push(outcome.message);
    } catch (error) {
      lines.push(`Pull ${source.key} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return lines;
}

export const PULL_JOBS: readonly Job[] = [
  {
    name: "sources.pull",
    checkMs: 15 * 1000,
    firstDelayMs: 20 * 1000,
    async run(db, now) {
      const lines = await pullDueSources(db, now);
      return lines.length ? lines.join("\n") : null;
    },
  },
];

/** `tollgate pull`: one pull now, in this process, under the source's lease; its next scheduled turn counts from now. */
export async function pullNow(db: Database, key: string, options: PullOptions = {}): Promise<PullSummary> {
  const source = await pullableSource(db, key);
  const now = options.now ?? new Date();
  const outcome = await withLease(db, `job:${pullJobName(key)}`, { ttlMs: PULL_LEASE_MS }, async () => {
    const next = { nextRunAt: new Date(now.getTime() + (source.pull ? durationMs(source.pull.every)! : 0)), lastRunAt: now };
    try {
      const summary = await pullSource(db, key, { ...options, now });
      await saveJobRun(db.sql, pullJobName(key), { ...next, lastError: null });
      return summary;
    } catch (error) {
      await saveJobRun(db.sql, pullJobName(key), { ...next, lastError: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
      throw error;
    }
  });
  if (outcome === NOT_ACQUIRED) throw new ConflictError(`Another process is pulling ${key} right now; its run resumes from the last committed watermark.`);
  return outcome;
}

/** "Pull now" on the Data sources page: the source's job is made due, so the next check of any instance runs it. Audited. */
export async function requestPull(db: Database, key: string, actor: Actor, now = new Date()): Promise<{ queued: true }> {
  await pullableSource(db, key);
  const missing = missingM365Settings();
  if (missing.length) throw new ConflictError(`Not connected: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set on the server.`);
  await db.sql.transaction(async (tx) => {
    await markJobDue(tx, pullJobName(key), now);
    await appendAuditSql(tx, actor, { action: "source.pull.requested", target: key });
  });
  return { queued: true };
}

/** TOLLGATE_PULL_JOBS=0 turns the scheduled pulls off in this instance (`tollgate pull` still works). */
export function pullJobsEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.TOLLGATE_PULL_JOBS?.trim() !== "0";
}
