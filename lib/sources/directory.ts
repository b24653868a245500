// The directory: who belongs to which cohort. No Microsoft log names a cohort, so an admin imports a people CSV
// (an Entra ID users export with a cohort column, or a column mapped to cohorts in program.json). People are kept
// only as the keyed hash of their lower-cased UPN or object id, the same HMAC as event actors, so an event's actor
// and a directory entry meet without either being stored. A person who moves keeps the old cohort for events
// before the import that moved them.
import type { Database } from "@/lib/db/database";
import { installationSettings } from "@/lib/db/settings";
import { appendAuditSql, type Actor } from "@/lib/audit/audit";
import { pseudonymizeActor } from "@/lib/ingest/normalize";
import { UserFacingError } from "@/lib/errors";
import { readCohortKeys } from "@/lib/db/queries/readCohortKeys";
import { readDirectoryMaps } from "@/lib/db/queries/readDirectoryMaps";
import { readDirectoryMembers } from "@/lib/db/queries/readDirectoryMembers";
import { insertDirectoryMembers } from "@/lib/db/queries/insertDirectoryMembers";
import { countDirectoryMembers, type DirectoryCount } from "@/lib/db/queries/countDirectoryMembers";
import { csvRows } from "./formats/csvRows";
import { decodeUtf8 } from "./formats/text";

export interface DirectoryImportSummary {
  rows: number;
  /** Identifiers (UPNs and object ids) placed in a cohort for the first time, moved to another, or unchanged. */
  added: number;
  moved: number;
  unchanged: number;
  /** Rows with an empty cohort cell, or (with --cohort-from) a value the mapping does not list, by value. */
  skipped: number;
  unmappedValues: Record<string, number>;
  byCohort: Record<string, number>;
}

export class DirectoryError extends UserFacingError {
  constructor(readonly problems: { line: number; message: string }[]) {
    const shown = problems.slice(0, 20).map((p) => `  line ${p.line}: ${p.message}`);
    const more = problems.length > 20 ? [`  … and ${problems.length - 20} more`] : [];
    super(`The people file was not imported:\n${[...shown, ...more].join("\n")}`);
  }
}

const USER_COLUMNS = ["user", "userprincipalname"];

export async function importDirectory(
  db: Database,
  bytes: AsyncIterable<Uint8Array | string>,
  options: { cohortFrom?: string; actor: Actor; now?: Date },
): Promise<DirectoryImportSummary> {
  const now = options.now ?? new Date();
  const [{ actorSecret }, cohorts, maps] = await Promise.all([installationSettings(db), readCohortKeys(db), readDirectoryMaps(db)]);
  const from = options.cohortFrom?.trim().toLowerCase();
  const mapping = from ? maps[from] : undefined;
  if (from && !mapping) throw new UserFacingError(`program.json has no "directory": {"${options.cohortFrom}": {…}} mapping; apply one first.`);
  const values = new Map(Object.entries(mapping ?? {}).map(([value, cohort]) => [value.trim().toLowerCase(), cohort]));
  const cohortColumn = from ?? "cohort";

  const problems: { line: number; message: string }[] = [];
  const people = new Map<string, { cohort: string; kind: string; line: number }>();
  const summary: DirectoryImportSummary = { rows: 0, added: 0, moved: 0, unchanged: 0, skipped: 0, unmappedValues: {}, byCohort: {} };
  const rows = csvRows(decodeUtf8(bytes), {
    onHeader: (columns) => {
      if (!columns.includes(cohortColumn)) throw new UserFacingError(`The header has no "${cohortColumn}" column.`);
      if (!columns.some((c) => USER_COLUMNS.includes(c) || c === "objectid")) throw new UserFacingError('The header needs a "user" (UPN or email) or "objectId" column.');
    },
  });
  for await (const row of rows) {
    summary.rows++;
    if ("error" in row) {
      problems.push({ line: row.line, message: row.error });
      continue;
    }
    const cell = (row.record[cohortColumn] ?? "").trim();
    const cohort = from ? values.get(cell.toLowerCase()) : cell;
    if (!cohort) {
      summary.skipped++;
      if (from && cell) summary.unmappedValues[cell] = (summary.unmappedValues[cell] ?? 0) + 1;
      continue;
    }
    if (!cohorts.has(cohort)) {
      problems.push({ line: row.line, message: `unknown cohort "${cohort}"; register it in program.json first` });
      continue;
    }
    const user = USER_COLUMNS.map((c) => row.record[c]?.trim()).find(Boolean);
    const objectId = row.record.objectid?.trim();
    if (!user && !objectId) problems.push({ line: row.line, message: "has neither a user nor an objectId" });
    for (const [kind, identifier] of [["user", user], ["objectId", objectId]] as const) {
      if (!identifier) continue;
      const person = pseudonymizeActor(identifier.toLowerCase(), actorSecret);
      const earlier = people.get(person);
      if (earlier && earlier.cohort !== cohort) problems.push({ line: row.line, message: `names the same person as line ${earlier.line}, in another cohort` });
      people.set(person, { cohort, kind, line: row.line });
    }
  }
  if (problems.length) throw new DirectoryError(problems);

  await db.sql.transaction(async (tx) => {
    const persons = [...people.keys()];
    for (let start = 0; start < persons.length; start += 500) {
      const chunk = persons.slice(start, start + 500);
      const latest = new Map<string, string>();
      for (const m of await readDirectoryMembers(tx, chunk)) latest.set(m.person, m.cohort);
      const changes = chunk.flatMap((person) => {
        const { cohort, kind } = people.get(person)!;
        summary.byCohort[cohort] = (summary.byCohort[cohort] ?? 0) + 1;
        const current = latest.get(person);
        if (current === cohort) {
          summary.unchanged++;
          return [];
        }
        summary[current === undefined ? "added" : "moved"]++;
        return [{ person, since: now, cohort, kind }];
      });
      await insertDirectoryMembers(tx, changes);
    }
    // Counts only: the trail never holds who is in the file.
    const { unmappedValues: _values, ...counts } = summary;
    await appendAuditSql(tx, options.actor, { action: "directory.import", target: from ? `cohort from ${from}` : "cohort", after: counts }, now);
  });
  return summary;
}

/** People per cohort as of now: counts only, never identifiers. */
export function directoryCounts(db: Database): Promise<DirectoryCount[]> {
  return countDirectoryMembers(db);
}
