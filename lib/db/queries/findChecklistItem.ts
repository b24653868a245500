import type { Transaction } from "@/lib/db/transaction";

/** An item's stored state, read in the transaction that changes it; null when it was never set. */
export async function findChecklistItem(tx: Transaction, workflow: string, item: string) {
  return tx.checklistItem.findUnique({ where: { workflow_item: { workflow, item } } });
}
