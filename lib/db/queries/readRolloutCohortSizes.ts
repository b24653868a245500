import type { SqlExecutor } from "@/lib/db/sql";

/** The size of the cohort of each of a workflow's rollouts (null where unknown). */
export async function readRolloutCohortSizes(tx: SqlExecutor, workflow: string): Promise<(number | null)[]> {
  const rows = await tx.query<{ size: unknown }>(
    `SELECT "Cohort"."size" AS "size" FROM "Rollout" JOIN "Cohort" ON "Cohort"."key" = "Rollout"."cohort" WHERE "Rollout"."workflow" = ?`,
    [workflow],
  );
  return rows.map((row) => (row.size === null ? null : Number(row.size)));
}
