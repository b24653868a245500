import type { SqlExecutor } from "@/lib/db/sql";
import type { Phase, Tier } from "@/lib/contract/vocabulary";

export interface RolloutRow {
  workflow: string;
  workflowName: string;
  tier: Tier;
  businessOwner: string;
  technicalOwner: string;
  cohort: string;
  cohortName: string;
  department: string;
  cohortSize: number | null;
  phase: Phase;
  startedAt: string | null;
  baselineCycleTimeP50Ms: number | null;
}

/**
 * Every rollout (workflow × cohort) of the registry with its workflow and cohort, in a stable order: one statement
 * (it was three Prisma reads), which a page can make inside the snapshot it reads its figures from.
 */
export async function listRollouts(sql: SqlExecutor): Promise<RolloutRow[]> {
  const rows = await sql.query<Omit<RolloutRow, "cohortSize" | "baselineCycleTimeP50Ms"> & { cohortSize: unknown; baselineCycleTimeP50Ms: unknown }>(
    `SELECT r."workflow", w."name" AS "workflowName", w."tier", w."businessOwner", w."technicalOwner", r."cohort", ` +
      `c."name" AS "cohortName", c."department", c."size" AS "cohortSize", r."phase", r."startedAt", r."baselineCycleTimeP50Ms" ` +
      `FROM "Rollout" r JOIN "Workflow" w ON w."key" = r."workflow" JOIN "Cohort" c ON c."key" = r."cohort" ` +
      `ORDER BY r."workflow" ASC, r."cohort" ASC`,
  );
  return rows.map((row) => ({
    ...row,
    cohortSize: row.cohortSize === null ? null : Number(row.cohortSize),
    baselineCycleTimeP50Ms: row.baselineCycleTimeP50Ms === null ? null : Number(row.baselineCycleTimeP50Ms),
  }));
}
