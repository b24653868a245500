import type { Transaction } from "@/lib/db/transaction";

/** Creates the Microsoft 365 source, or replaces the stored definition of the one with the same key. */
export async function saveSource(tx: Transaction, source: { key: string; type: string; definition: string }): Promise<void> {
  await tx.source.upsert({ where: { key: source.key }, create: source, update: source });
}
