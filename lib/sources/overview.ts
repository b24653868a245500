// What Administration → Data sources and GET /api/v1/imports show: the program's sources, the import history, the
// directory's counts per cohort (never who) and the always-on sources' pull status. The pages and routes read these
// here, not from lib/db.
import type { Database } from "@/lib/db/database";
import { readSources } from "@/lib/db/queries/readSources";
import { listSourceImports, type SourceImportRow } from "@/lib/db/queries/listSourceImports";
import type { DirectoryCount } from "@/lib/db/queries/countDirectoryMembers";
import { directoryCounts } from "./directory";
import { pullStatuses } from "./pull/status";

export type { DirectoryCount, SourceImportRow };

export function importHistory(db: Database): Promise<SourceImportRow[]> {
  return listSourceImports(db);
}

export async function sourcesOverview(db: Database) {
  const [sources, history, directory, pulls] = await Promise.all([readSources(db), importHistory(db), directoryCounts(db), pullStatuses(db)]);
  return { sources, history, directory, pulls };
}
