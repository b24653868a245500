import { bulkInsert } from "@/lib/db/bulk";
import type { SqlExecutor } from "@/lib/db/sql";

/** Adds memberships (a person's cohort from `since` on); an identical one already stored is left alone. */
export async function insertDirectoryMembers(tx: SqlExecutor, rows: readonly { person: string; since: Date; cohort: string; kind: string }[]): Promise<void> {
  await bulkInsert(tx, {
    table: "DirectoryMember",
    columns: ["person", "since", "cohort", "kind"],
    rows: rows.map((r) => [r.person, r.since, r.cohort, r.kind]),
    onConflict: `ON CONFLICT ("person", "since") DO NOTHING`,
  });
}
