import type { Database } from "@/lib/db/database";

/** Every change of a workflow's checklist, newest first: the history behind its current state. */
export async function listChecklistChanges(db: Database, workflow: string) {
  return db.prisma.checklistChange.findMany({ where: { workflow }, orderBy: [{ changedAt: "desc" }, { id: "asc" }] });
}
