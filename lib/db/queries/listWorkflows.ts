import type { Database } from "@/lib/db/database";

/** Every workflow of the registry, by key. */
export async function listWorkflows(db: Database) {
  return db.prisma.workflow.findMany({ orderBy: { key: "asc" } });
}
