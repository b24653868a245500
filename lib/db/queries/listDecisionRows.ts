import type { Database } from "@/lib/db/database";

/** A workflow's decisions (of one cohort, or of all), newest first. */
export async function listDecisionRows(db: Database, workflow: string, cohort?: string) {
  return db.prisma.decision.findMany({
    where: { workflow, ...(cohort ? { cohort } : {}) },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
  });
}
