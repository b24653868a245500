// Next.js calls register() once when a server starts. Tollgate's one background job lives here: the daily
// raw-event retention run (lib/retention/job.ts), in the Node.js runtime only, off with TOLLGATE_RETENTION_JOB=0.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    const { jobEnabled, startRetentionJob } = await import("@/lib/retention/job");
    if (!jobEnabled()) return;
    const { appDatabase } = await import("@/lib/db/database");
    startRetentionJob({ database: appDatabase });
  } catch (error) {
    // A background job must never keep the server from starting.
    console.error("Could not start the retention job:", error);
  }
}
