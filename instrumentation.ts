// Next.js calls register() once when a server starts: Tollgate's background work starts here, in the Node.js runtime
// only, all of it through lib/jobs: the alerts' jobs (delivery, scorecard re-evaluation, quiet workflows; off with
// TOLLGATE_ALERT_JOBS=0), the always-on sources' pulls (off with TOLLGATE_PULL_JOBS=0), and the daily raw-event
// retention run with the review content purge (off with TOLLGATE_RETENTION_JOB=0). Before that, a server on SQLite takes the database's server lock
// for as long as it runs (lib/db/serverLock.ts), and stops at once when another server holds it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { databaseUrl } = await import("@/lib/db/dialect");
  const { ServerRunningError, takeServerLock } = await import("@/lib/db/serverLock");
  try {
    // Kept on globalThis: the lock lasts as long as the process (the operating system releases it at its end).
    (globalThis as { tollgateServerLock?: unknown }).tollgateServerLock ??= takeServerLock(databaseUrl());
  } catch (error) {
    console.error(error instanceof ServerRunningError ? error.message : error);
    process.exit(1);
  }
  try {
    const { appDatabase } = await import("@/lib/db/database");
    const { retentionJobEnabled, RETENTION_JOB } = await import("@/lib/retention/job");
    const { ALERT_JOBS, alertJobsEnabled } = await import("@/lib/alerts/jobs");
    const { startScheduler } = await import("@/lib/jobs/scheduler");
    const { PULL_JOBS, pullJobsEnabled } = await import("@/lib/sources/pull/jobs");
    const { REVIEW_JOBS } = await import("@/lib/review/jobs");
    const jobs = [
      // The review content purge is retention: it runs where retention does.
      ...(retentionJobEnabled() ? [RETENTION_JOB, ...REVIEW_JOBS] : []),
      ...(alertJobsEnabled() ? ALERT_JOBS : []),
      ...(pullJobsEnabled() ? PULL_JOBS : []),
    ];
    if (jobs.length > 0) startScheduler({ database: appDatabase, jobs });
  } catch (error) {
    // Background work must never keep the server from starting.
    console.error("Could not start the background jobs:", error);
  }
}
