import type { Transaction } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/db/prisma";

/** Appends a decision; it supersedes the rollout's latest one, since decisions are never changed. */
export async function appendDecision(tx: Transaction, decision: Omit<Prisma.DecisionModel, "supersedesId">): Promise<void> {
  const previous = await tx.decision.findFirst({
    where: { workflow: decision.workflow, cohort: decision.cohort },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  await tx.decision.create({ data: { ...decision, supersedesId: previous?.id ?? null } });
}
