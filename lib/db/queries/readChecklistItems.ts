import type { SqlExecutor } from "@/lib/db/sql";
import { timestampText } from "@/lib/db/timestampText";

export interface ChecklistItemRow {
  workflow: string;
  item: string;
  status: string;
  owner: string | null;
  evidence: string | null;
  updatedBy: string;
  updatedAt: Date;
}

/** The stored state of a workflow's checklist items, or of every workflow's when none is named (an item never set has no row). */
export async function readChecklistItems(tx: SqlExecutor, workflow?: string): Promise<ChecklistItemRow[]> {
  const rows = await tx.query<Omit<ChecklistItemRow, "updatedAt"> & { updatedAt: string }>(
    `SELECT "workflow", "item", "status", "owner", "evidence", "updatedBy", ${timestampText(tx, "updatedAt")} AS "updatedAt" ` +
      `FROM "ChecklistItem"` + (workflow === undefined ? "" : ` WHERE "workflow" = ?`),
    workflow === undefined ? [] : [workflow],
  );
  return rows.map((row) => ({ ...row, updatedAt: new Date(row.updatedAt) }));
}
