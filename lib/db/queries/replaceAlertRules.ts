import type { Prisma } from "@/lib/db/prisma";

/** Replaces the alert rules as a whole with these JSON definitions, in order. */
export async function replaceAlertRules(tx: Prisma.TransactionClient, definitions: readonly string[]): Promise<void> {
  await tx.alertRule.deleteMany();
  await tx.alertRule.createMany({ data: definitions.map((definition, position) => ({ position, definition })) });
}
