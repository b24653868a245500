import type { Transaction } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/db/prisma";

type CohortFields = Omit<Prisma.CohortModel, "createdAt" | "updatedAt">;

/** Creates the cohort, or updates the stored one with the same key. */
export async function saveCohort(tx: Transaction, cohort: CohortFields): Promise<void> {
  await tx.cohort.upsert({ where: { key: cohort.key }, create: cohort, update: cohort });
}
