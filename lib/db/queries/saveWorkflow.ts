import type { Transaction } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/db/prisma";

type WorkflowFields = Omit<Prisma.WorkflowModel, "createdAt" | "updatedAt">;

/** Creates the workflow, or updates the stored one with the same key. */
export async function saveWorkflow(tx: Transaction, workflow: WorkflowFields): Promise<void> {
  await tx.workflow.upsert({ where: { key: workflow.key }, create: workflow, update: workflow });
}
