import type { Database } from "@/lib/db/database";
import type { DirectoryMap } from "@/lib/contract/sources";

/** program.json `directory`: column (lower-cased) → value → cohort. */
export async function readDirectoryMaps(db: Database): Promise<DirectoryMap> {
  const rows = await db.prisma.directoryMap.findMany();
  return Object.fromEntries(rows.map((row) => [row.column, JSON.parse(row.cohorts) as Record<string, string>]));
}
