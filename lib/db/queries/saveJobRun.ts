import type { SqlExecutor } from "@/lib/db/sql";
import type { JobState } from "./readJob";

/** Records a job's run and when it is due next. */
export async function saveJobRun(tx: SqlExecutor, name: string, state: JobState): Promise<void> {
  await tx.execute(
    `INSERT INTO "Job" ("name", "nextRunAt", "lastRunAt", "lastError") VALUES (?, ?, ?, ?)
     ON CONFLICT ("name") DO UPDATE SET "nextRunAt" = excluded."nextRunAt", "lastRunAt" = excluded."lastRunAt", "lastError" = excluded."lastError"`,
    [name, state.nextRunAt, state.lastRunAt, state.lastError],
  );
}
