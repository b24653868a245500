// The daily retention run inside the server process (started by instrumentation.ts). Shortly after start and then
// every hour it checks whether a run is due (none in the last 24 hours) and, if so, claims it with a compare-and-set
// of the "retention.lastRunAt" setting: of several servers on one database exactly one wins the claim, so two never
// purge at once. Errors are logged and never reach the server. TOLLGATE_RETENTION_JOB=0 turns the job off.
import type { Database } from "@/lib/db/database";
import { systemActor } from "@/lib/audit/audit";
import { runRetention, type RetentionRun } from "./retention";

export const LAST_RUN_SETTING = "retention.lastRunAt";
export const RUN_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** How often the job looks whether a run is due. */
export const CHECK_INTERVAL_MS = 60 * 60 * 1000;
/** The first check after start: late enough not to compete with the server's warm-up. */
export const FIRST_CHECK_DELAY_MS = 60 * 1000;
export const JOB_NAME = "retention";

/** A run is due when none was claimed yet, or the last one is at least a day old (a clock set back counts as due). */
export function isRunDue(lastRunAt: Date | null, now: Date): boolean {
  if (!lastRunAt || Number.isNaN(lastRunAt.getTime())) return true;
  const since = now.getTime() - lastRunAt.getTime();
  return since >= RUN_INTERVAL_MS || since < 0;
}

export function jobEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.TOLLGATE_RETENTION_JOB?.trim() !== "0";
}

/**
 * Claims today's run: true for exactly one caller when a run is due, across processes. The claim replaces the value
 * it read (or inserts the first one), so a concurrent claimer's write makes this one change no row.
 */
export async function claimRun(db: Database, now: Date): Promise<boolean> {
  const [row] = await db.sql.query<{ value: string }>(`SELECT "value" FROM "Setting" WHERE "key" = ?`, [LAST_RUN_SETTING]);
  const last = row ? new Date(row.value) : null;
  if (!isRunDue(last, now)) return false;
  const changed = row
    ? await db.sql.execute(`UPDATE "Setting" SET "value" = ? WHERE "key" = ? AND "value" = ?`, [now.toISOString(), LAST_RUN_SETTING, row.value])
    : await db.sql.execute(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING`, [LAST_RUN_SETTING, now.toISOString()]);
  return changed === 1;
}

/** One check: runs the retention when due and this process wins the claim; null when it did not run. */
export async function runRetentionIfDue(db: Database, now = new Date()): Promise<RetentionRun | null> {
  if (!(await claimRun(db, now))) return null;
  return runRetention(db, systemActor(JOB_NAME), { now });
}

export interface JobOptions {
  database: () => Database;
  log?: (message: string, error?: unknown) => void;
  firstDelayMs?: number;
  intervalMs?: number;
}

/** Starts the checks (timers unref'd: they never keep the process alive); returns a stop function. */
export function startRetentionJob({ database, log = defaultLog, firstDelayMs = FIRST_CHECK_DELAY_MS, intervalMs = CHECK_INTERVAL_MS }: JobOptions): () => void {
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      const run = await runRetentionIfDue(database());
      if (run) {
        log(`Retention: deleted ${run.total} raw events older than ${run.cutoff.toISOString()} (${run.days} days)` +
          (run.held.length ? `; legal holds kept ${run.held.join(", ")}` : "") + ".");
      }
    } catch (error) {
      log("Retention job failed; the next run is due a day after this one was claimed (or run `npx tollgate retention run` now).", error);
    } finally {
      running = false;
    }
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    void check();
    interval = setInterval(() => void check(), intervalMs);
    interval.unref();
  }, firstDelayMs);
  first.unref();
  return () => {
    clearTimeout(first);
    if (interval) clearInterval(interval);
  };
}

function defaultLog(message: string, error?: unknown): void {
  if (error === undefined) console.log(message);
  else console.error(message, error);
}
