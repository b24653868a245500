import type { Database } from "@/lib/db/database";

/** Records that an import began, before its first event is stored: an import stopped half-way stays visible. */
export async function startSourceImport(db: Database, row: { id: string; source: string; fileName: string; actor: string; startedAt: Date }): Promise<void> {
  await db.prisma.sourceImport.create({ data: row });
}
