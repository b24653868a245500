import type { Database } from "@/lib/db/database";

/** Those of `keys` the registry has no workflow for, in the order given. */
export async function listUnknownWorkflows(db: Database, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const known = await db.prisma.workflow.findMany({ where: { key: { in: [...keys] } }, select: { key: true } });
  const knownKeys = new Set(known.map((row) => row.key));
  return keys.filter((key) => !knownKeys.has(key));
}
