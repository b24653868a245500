import type { Database } from "@/lib/db/database";

export interface DirectoryCount {
  cohort: string;
  /** user (UPN or email) or objectId. */
  kind: string;
  people: number;
}

/** People per cohort as of now (each person's latest membership), by the kind of identifier known for them. */
export async function countDirectoryMembers(db: Database): Promise<DirectoryCount[]> {
  const rows = await db.sql.query<{ cohort: string; kind: string; people: number | string }>(
    `SELECT m."cohort", m."kind", COUNT(*) AS "people" FROM "DirectoryMember" m ` +
      `WHERE m."since" = (SELECT MAX(x."since") FROM "DirectoryMember" x WHERE x."person" = m."person") ` +
      `GROUP BY m."cohort", m."kind" ORDER BY m."cohort", m."kind"`,
  );
  return rows.map((row) => ({ cohort: row.cohort, kind: row.kind, people: Number(row.people) }));
}
