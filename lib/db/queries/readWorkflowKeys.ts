import type { Database } from "@/lib/db/database";

/** The registered workflow keys. */
export async function readWorkflowKeys(db: Database): Promise<Set<string>> {
  const rows = await db.prisma.workflow.findMany({ select: { key: true } });
  return new Set(rows.map((row) => row.key));
}
