import type { Transaction } from "@/lib/db/transaction";

/** Stores a new version of a gate template; earlier versions stay for the decisions made on them. */
export async function addGateTemplateVersion(tx: Transaction, key: string, version: number, definition: string): Promise<void> {
  await tx.gateTemplate.create({ data: { key, version, definition } });
}
