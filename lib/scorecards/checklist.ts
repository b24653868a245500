// The governance readiness checklist of a workflow: the playbook's six control areas, each with a status, an
// owner and evidence. Every change is appended to the history in the same transaction as the new state.
import crypto from "node:crypto";
import type { Database } from "@/lib/db/database";
import { CHECKLIST_ITEMS } from "@/lib/contract/vocabulary";
import type { ChecklistUpdate } from "@/lib/contract/scorecard";
import { InvalidParameterError } from "@/lib/errors";
import { actorLabel, appendAudit, type Actor } from "@/lib/audit/audit";

export type ChecklistStatus = ChecklistUpdate["status"];

export interface ChecklistEntry {
  item: (typeof CHECKLIST_ITEMS)[number];
  status: ChecklistStatus;
  owner: string | null;
  evidence: string | null;
  updatedBy: string | null;
  updatedAt: Date | null;
}

export async function readChecklist(db: Database, workflow: string): Promise<ChecklistEntry[]> {
  const rows = await db.prisma.checklistItem.findMany({ where: { workflow } });
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

export async function checklistHistory(db: Database, workflow: string) {
  return db.prisma.checklistChange.findMany({ where: { workflow }, orderBy: [{ changedAt: "desc" }, { id: "asc" }] });
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
  if (!(await db.prisma.workflow.findUnique({ where: { key: workflow } }))) {
    throw new InvalidParameterError("workflow", `unknown workflow "${workflow}"`);
  }
  const changedBy = actorLabel(actor);
  return db.prisma.$transaction(async (tx) => {
    const previous = await tx.checklistItem.findUnique({ where: { workflow_item: { workflow, item } } });
    const state = {
      status: update.status,
      owner: update.owner ?? previous?.owner ?? null,
      evidence: update.evidence ?? previous?.evidence ?? null,
      updatedBy: changedBy,
      updatedAt: now,
    };
    await tx.checklistItem.upsert({
      where: { workflow_item: { workflow, item } },
      create: { workflow, item, ...state },
      update: state,
    });
    await tx.checklistChange.create({
      data: { id: crypto.randomUUID(), workflow, item, status: state.status, owner: state.owner, evidence: state.evidence, changedBy, changedAt: now },
    });
    const before = previous ? { status: previous.status, owner: previous.owner, evidence: previous.evidence } : null;
    const after = { status: state.status, owner: state.owner, evidence: state.evidence };
    await appendAudit(tx, actor, { action: "checklist.update", target: `${workflow}/${item}`, before, after }, now);
    return { item, ...state };
  });
}
