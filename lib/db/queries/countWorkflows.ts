import type { Database } from "@/lib/db/database";

/** How many workflows the registry holds (none: a new installation). */
export async function countWorkflows(db: Database): Promise<number> {
  return db.prisma.workflow.count();
}
