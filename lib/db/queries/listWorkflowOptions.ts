import type { Database } from "@/lib/db/database";

interface WorkflowOption {
  key: string;
  name: string;
}

/** Every workflow's key and name, by name: what a picker or the navigation lists. */
export async function listWorkflowOptions(db: Database): Promise<WorkflowOption[]> {
  return db.prisma.workflow.findMany({ select: { key: true, name: true }, orderBy: { name: "asc" } });
}
