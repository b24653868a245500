import crypto from "node:crypto";
import type { Transaction } from "@/lib/db/transaction";

interface ChecklistItemState {
  status: string;
  owner: string | null;
  evidence: string | null;
  updatedBy: string;
  updatedAt: Date;
}

/** Stores an item's new state and appends it to the item's history. */
export async function saveChecklistItem(tx: Transaction, workflow: string, item: string, state: ChecklistItemState): Promise<void> {
  await tx.checklistItem.upsert({
    where: { workflow_item: { workflow, item } },
    create: { workflow, item, ...state },
    update: state,
  });
  await tx.checklistChange.create({
    data: {
      id: crypto.randomUUID(),
      workflow,
      item,
      status: state.status,
      owner: state.owner,
      evidence: state.evidence,
      changedBy: state.updatedBy,
      changedAt: state.updatedAt,
    },
  });
}
