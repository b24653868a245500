import type { Transaction } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/db/prisma";

type RolloutFields = Omit<Prisma.RolloutModel, "createdAt" | "updatedAt">;

/** Creates the rollout, or updates the stored one of the same workflow and cohort. */
export async function saveRollout(tx: Transaction, rollout: RolloutFields): Promise<void> {
  const where = { workflow_cohort: { workflow: rollout.workflow, cohort: rollout.cohort } };
  await tx.rollout.upsert({ where, create: rollout, update: rollout });
}
