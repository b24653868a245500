import type { Transaction } from "@/lib/db/transaction";
import type { Phase } from "@/lib/contract/vocabulary";

/** A rollout's phase as the transaction sees it; a pair without a row is in the pilot phase. */
export async function readRolloutPhase(tx: Transaction, workflow: string, cohort: string): Promise<Phase> {
  const rollout = await tx.rollout.findUnique({ where: { workflow_cohort: { workflow, cohort } }, select: { phase: true } });
  return (rollout?.phase as Phase | undefined) ?? "pilot";
}
