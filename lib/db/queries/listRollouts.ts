import type { Database } from "@/lib/db/database";
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

/** Every rollout (workflow × cohort) of the registry with its workflow and cohort, in a stable order. */
export async function listRollouts(db: Database): Promise<RolloutRow[]> {
  const [rollouts, workflows, cohorts] = await Promise.all([
    db.prisma.rollout.findMany({ orderBy: [{ workflow: "asc" }, { cohort: "asc" }] }),
    db.prisma.workflow.findMany(),
    db.prisma.cohort.findMany(),
  ]);
  const workflowByKey = new Map(workflows.map((w) => [w.key, w]));
  const cohortByKey = new Map(cohorts.map((c) => [c.key, c]));
  return rollouts.flatMap((r) => {
    const w = workflowByKey.get(r.workflow);
    const c = cohortByKey.get(r.cohort);
    if (!w || !c) return [];
    return [
      {
        workflow: w.key,
        workflowName: w.name,
        tier: w.tier as Tier,
        businessOwner: w.businessOwner,
        technicalOwner: w.technicalOwner,
        cohort: c.key,
        cohortName: c.name,
        department: c.department,
        cohortSize: c.size,
        phase: r.phase as Phase,
        startedAt: r.startedAt,
        baselineCycleTimeP50Ms: r.baselineCycleTimeP50Ms,
      },
    ];
  });
}
