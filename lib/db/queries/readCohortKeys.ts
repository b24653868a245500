import type { Database } from "@/lib/db/database";

/** The registered cohort keys. */
export async function readCohortKeys(db: Database): Promise<Set<string>> {
  const rows = await db.prisma.cohort.findMany({ select: { key: true } });
  return new Set(rows.map((row) => row.key));
}
