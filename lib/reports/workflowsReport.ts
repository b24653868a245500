import type { Database } from "@/lib/db/database";
import { listRollouts } from "@/lib/db/queries/listRollouts";
import { listWorkflows } from "@/lib/db/queries/listWorkflows";

/** The registry: every workflow with its rollouts and their phases. */
export async function workflowsReport(db: Database) {
  const [workflows, rollouts] = await Promise.all([listWorkflows(db), listRollouts(db.sql)]);
  return {
    workflows: workflows.map((w) => ({
      key: w.key,
      name: w.name,
      tier: w.tier,
      businessOwner: w.businessOwner,
      technicalOwner: w.technicalOwner,
      successMetric: w.successMetric,
      failureMode: w.failureMode,
      rollouts: rollouts
        .filter((r) => r.workflow === w.key)
        .map((r) => ({
          cohort: r.cohort,
          cohortName: r.cohortName,
          department: r.department,
          cohortSize: r.cohortSize,
          phase: r.phase,
          startedAt: r.startedAt,
          baselineCycleTimeP50Ms: r.baselineCycleTimeP50Ms,
        })),
    })),
  };
}
