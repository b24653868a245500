import type { Database } from "@/lib/db/database";

export interface SourceImportRow {
  id: string;
  source: string;
  fileName: string;
  sha256: string | null;
  actor: string;
  startedAt: Date;
  finishedAt: Date | null;
  counts: Record<string, unknown> | null;
}

/** The import history, newest first. */
export async function listSourceImports(db: Database, limit = 50): Promise<SourceImportRow[]> {
  const rows = await db.prisma.sourceImport.findMany({ orderBy: { startedAt: "desc" }, take: limit });
  return rows.map((row) => ({ ...row, counts: row.counts ? (JSON.parse(row.counts) as Record<string, unknown>) : null }));
}
