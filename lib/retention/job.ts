// The daily retention run as a lib/jobs job (started by instrumentation.ts in every app instance). Each instance
// looks every hour whether it is due; the job's shared schedule and lease in the database make exactly one instance
// purge per day across all of them, and a run whose instance died is taken over once its lease expires.
// TOLLGATE_RETENTION_JOB=0 turns the job off in this instance (purge with `tollgate retention run` from cron instead).
import type { Job } from "@/lib/jobs/scheduler";
import { systemActor } from "@/lib/audit/audit";
import { runRetention } from "./retention";

const MINUTE = 60 * 1000;
export const JOB_NAME = "retention";

export const RETENTION_JOB: Job = {
  name: JOB_NAME,
  everyMs: 24 * 60 * MINUTE,
  checkMs: 60 * MINUTE,
  firstDelayMs: MINUTE,
  async run(db, now) {
    const run = await runRetention(db, systemActor(JOB_NAME), { now });
    return (
      `Retention: deleted ${run.total} raw events older than ${run.cutoff.toISOString()} (${run.days} days)` +
      (run.held.length ? `; legal holds kept ${run.held.join(", ")}` : "") +
      "."
    );
  },
};

export function retentionJobEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.TOLLGATE_RETENTION_JOB?.trim() !== "0";
}
