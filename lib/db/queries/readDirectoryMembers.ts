import type { SqlExecutor } from "@/lib/db/sql";

export interface Membership {
  person: string;
  since: Date;
  cohort: string;
}

/** Every membership of these people (keyed hashes), oldest first. */
export async function readDirectoryMembers(tx: SqlExecutor, persons: readonly string[]): Promise<Membership[]> {
  if (persons.length === 0) return [];
  const rows = await tx.query<{ person: string; since: string | Date; cohort: string }>(
    `SELECT "person", "since", "cohort" FROM "DirectoryMember" WHERE "person" IN (${persons.map(() => "?").join(", ")}) ORDER BY "person", "since"`,
    persons,
  );
  return rows.map((row) => ({ person: row.person, since: new Date(row.since), cohort: row.cohort }));
}
