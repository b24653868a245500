// What Administration → Data sources and GET /api/v1/imports show: the program's sources, the import history and
// the directory's counts per cohort (never who). The pages and routes read these here, not from lib/db.
import type { Database } from "@/lib/db/database";
import { readSources } from "@/lib/db/queries/readSources";
import { listSourceImports, type SourceImportRow } from "@/lib/db/queries/listSourceImports";
import type { DirectoryCount } from "@/lib/db/queries/countDirectoryMembers";
import { directoryCounts } from "./directory";

export type { DirectoryCount, SourceImportRow };

export function importHistory(db: Database): Promise<SourceImportRow[]> {
  return listSourceImports(db);
}

export async function sourcesOverview(db: Database) {
  const [sources, history, directory] = await Promise.all([readSources(db), importHistory(db), directoryCounts(db)]);
  return { sources, history, directory };
}
