import type { Transaction } from "@/lib/db/transaction";
import type { Phase } from "@/lib/contract/vocabulary";

/** Moves a rollout to a phase (creating its row when the pair had none). */
export async function setRolloutPhase(tx: Transaction, workflow: string, cohort: string, phase: Phase): Promise<void> {
  await tx.rollout.upsert({
    where: { workflow_cohort: { workflow, cohort } },
    create: { workflow, cohort, phase },
    update: { phase },
  });
}
