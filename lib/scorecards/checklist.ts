// The governance readiness checklist of a workflow: the playbook's six control areas, each with a status, an
// owner and evidence. Every change is appended to the history in the same transaction as the new state.
import type { Database } from "@/lib/db/database";
import { inTransaction } from "@/lib/db/transaction";
import { requireWorkflow } from "@/lib/db/queries/requireWorkflow";
import { readChecklistItems, type ChecklistItemRow } from "@/lib/db/queries/readChecklistItems";
import { findChecklistItem } from "@/lib/db/queries/findChecklistItem";
import { saveChecklistItem } from "@/lib/db/queries/saveChecklistItem";
import { CHECKLIST_ITEMS } from "@/lib/contract/vocabulary";
import type { ChecklistUpdate } from "@/lib/contract/scorecard";
import { actorLabel, appendAudit, type Actor } from "@/lib/audit/audit";

/** The checklist's history, newest first, as the scorecard page lists it. */
export { listChecklistChanges } from "@/lib/db/queries/listChecklistChanges";

export type ChecklistStatus = ChecklistUpdate["status"];

export interface ChecklistEntry {
  item: (typeof CHECKLIST_ITEMS)[number];
  status: ChecklistStatus;
  owner: string | null;
  evidence: string | null;
  updatedBy: string | null;
  updatedAt: Date | null;
}

/** Every item of the playbook, in its order, with its stored state; an item never set is not started. */
export function checklistEntries(rows: readonly ChecklistItemRow[]): ChecklistEntry[] {
  const byItem = new Map(rows.map((row) => [row.item, row]));
  return CHECKLIST_ITEMS.map((item) => {
    const row = byItem.get(item);
    return {
      item,
      status: (row?.status as ChecklistStatus | undefined) ?? "not_started",
      owner: row?.owner ?? null,
      evidence: row?.evidence ?? null,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt ?? null,
    };
  });
}

export async function readChecklist(db: Database, workflow: string): Promise<ChecklistEntry[]> {
  return checklistEntries(await db.sql.read((tx) => readChecklistItems(tx, workflow)));
}

/** Sets an item's state; owner and evidence keep their previous value when the update leaves them out. */
export async function updateChecklistItem(
  db: Database,
  workflow: string,
  item: ChecklistEntry["item"],
  update: ChecklistUpdate,
  actor: Actor,
  now = new Date(),
): Promise<ChecklistEntry> {
  await db.sql.read((tx) => requireWorkflow(tx, workflow));
  const changedBy = actorLabel(actor);
  return inTransaction(db, async (tx) => {
    const previous = await findChecklistItem(tx, workflow, item);
    const state = {
      status: update.status,
      owner: update.owner ?? previous?.owner ?? null,
      evidence: update.evidence ?? previous?.evidence ?? null,
      updatedBy: changedBy,
      updatedAt: now,
    };
    await saveChecklistItem(tx, workflow, item, state);
    const before = previous ? { status: previous.status, owner: previous.owner, evidence: previous.evidence } : null;
    const after = { status: state.status, owner: state.owner, evidence: state.evidence };
    await appendAudit(tx, actor, { action: "checklist.update", target: `${workflow}/${item}`, before, after }, now);
    return { item, ...state };
  });
}
