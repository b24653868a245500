// The one scheduler of background work. Every app instance runs it (instrumentation.ts); what keeps instances from
// doing one piece of work twice lives in the database: a job with a shared schedule (`everyMs`) runs once per
// interval across all instances, under the job's lease, and records when it is next due; a job without one runs in
// every instance at each check and claims its own items (alert delivery leases each alert). A failing run is logged
// and retried at its next turn; it never reaches the server.
import type { Database } from "@/lib/db/database";
import { readJob } from "@/lib/db/queries/readJob";
import { saveJobRun } from "@/lib/db/queries/saveJobRun";
import { NOT_ACQUIRED, withLease } from "./lease";

export interface Job {
  name: string;
  /** Runs at most this often across every instance. Omitted: each instance runs it at every check. */
  everyMs?: number;
  /** How often each instance looks whether the job is due. */
  checkMs: number;
  /** The first look after start: late enough not to compete with the server's warm-up. */
  firstDelayMs: number;
  /** How long a run holds the job's lease between renewals (default JOB_LEASE_MS). */
  leaseMs?: number;
  /** Does the work; answers a line worth logging, or null. */
  run(db: Database, now: Date): Promise<string | null>;
}

/** How long a run holds its job's lease between renewals: a dead instance's run is taken over after this long. */
export const JOB_LEASE_MS = 2 * 60 * 1000;

export type RunOutcome = { ran: false } | { ran: true; message: string | null };

/** Whether a shared job is due: never run, its time has come, or the clock went back past its last run. */
export function isDue(nextRunAt: Date | null, everyMs: number, now: Date): boolean {
  if (!nextRunAt) return true;
  const wait = nextRunAt.getTime() - now.getTime();
  return wait <= 0 || wait > everyMs;
}

/** One look at a job: runs it when due and this instance wins its lease. A failed run is recorded, then rethrown. */
export async function runJob(db: Database, job: Job, now = new Date()): Promise<RunOutcome> {
  if (job.everyMs === undefined) return { ran: true, message: await job.run(db, now) };
  const everyMs = job.everyMs;
  const due = async () => isDue((await readJob(db.sql, job.name))?.nextRunAt ?? null, everyMs, now);
  if (!(await due())) return { ran: false };
  const outcome = await withLease(db, `job:${job.name}`, { ttlMs: job.leaseMs ?? JOB_LEASE_MS }, async (): Promise<RunOutcome> => {
    // Another instance may have run it between the first look and the lease.
    if (!(await due())) return { ran: false };
    const next = { nextRunAt: new Date(now.getTime() + everyMs), lastRunAt: now };
    try {
      const message = await job.run(db, now);
      await saveJobRun(db.sql, job.name, { ...next, lastError: null });
      return { ran: true, message };
    } catch (error) {
      await saveJobRun(db.sql, job.name, { ...next, lastError: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
      throw error;
    }
  });
  return outcome === NOT_ACQUIRED ? { ran: false } : outcome;
}

export interface SchedulerOptions {
  database: () => Database;
  jobs: readonly Job[];
  log?: (message: string, error?: unknown) => void;
}

/** Starts every job's checks (timers unref'd: they never keep the process alive); returns a stop function. */
export function startScheduler({ database, jobs, log = defaultLog }: SchedulerOptions): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    let running = false;
    const check = async () => {
      if (running) return;
      running = true;
      try {
        const outcome = await runJob(database(), job);
        if (outcome.ran && outcome.message) log(outcome.message);
      } catch (error) {
        log(`The ${job.name} job failed; it runs again at its next turn.`, error);
      } finally {
        running = false;
      }
    };
    const first = setTimeout(() => {
      void check();
      const every = setInterval(() => void check(), job.checkMs);
      every.unref();
      timers.push(every);
    }, job.firstDelayMs);
    first.unref();
    timers.push(first);
  }
  return () => timers.forEach((timer) => clearTimeout(timer));
}

function defaultLog(message: string, error?: unknown): void {
  if (error === undefined) console.log(message);
  else console.error(message, error);
}
