// What Administration → Data sources shows, read in one call: the sources and their rules, the import history, the
// directory's counts per cohort, and the always-on sources' pull status.
import type { Database } from "@/lib/db/database";
import { readSources } from "@/lib/db/queries/readSources";
import { listSourceImports } from "@/lib/db/queries/listSourceImports";
import { directoryCounts } from "./directory";
import { pullStatuses } from "./pull/status";

export async function sourcesOverview(db: Database) {
  const [sources, history, directory, pulls] = await Promise.all([readSources(db), listSourceImports(db), directoryCounts(db), pullStatuses(db)]);
  return { sources, history, directory, pulls };
}

export type { DirectoryCount } from "@/lib/db/queries/countDirectoryMembers";
export type { SourceImportRow } from "@/lib/db/queries/listSourceImports";
