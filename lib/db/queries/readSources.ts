import type { Database } from "@/lib/db/database";
import { sourceSchema, type SourceInput } from "@/lib/contract/sources";

/** The program's data sources, by key (as applied; the stored definition is the contract's shape). */
export async function readSources(db: Database): Promise<SourceInput[]> {
  const rows = await db.prisma.source.findMany({ orderBy: { key: "asc" } });
  return rows.map((row) => sourceSchema.parse(JSON.parse(row.definition)));
}
