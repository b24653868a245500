// Next.js calls register() once when a server starts: Tollgate's background work starts here, in the Node.js runtime
// only. lib/jobs runs the alerts' jobs (delivery, scorecard re-evaluation, quiet workflows; off with
// TOLLGATE_ALERT_JOBS=0) and the review content purge (off with the retention job); the daily raw-event retention run still has its own timer (lib/retention/job.ts; off with
// TOLLGATE_RETENTION_JOB=0).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    const { appDatabase } = await import("@/lib/db/database");
    const { jobEnabled, startRetentionJob } = await import("@/lib/retention/job");
    if (jobEnabled()) startRetentionJob({ database: appDatabase });
    const { ALERT_JOBS, alertJobsEnabled } = await import("@/lib/alerts/jobs");
    const { startScheduler } = await import("@/lib/jobs/scheduler");
    if (alertJobsEnabled()) startScheduler({ database: appDatabase, jobs: ALERT_JOBS });
    // The review content purge is retention: it runs where retention does.
    const { REVIEW_JOBS } = await import("@/lib/review/jobs");
    if (jobEnabled()) startScheduler({ database: appDatabase, jobs: REVIEW_JOBS });
  } catch (error) {
    // Background work must never keep the server from starting.
    console.error("Could not start the background jobs:", error);
  }
}
