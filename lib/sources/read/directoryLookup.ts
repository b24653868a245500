// Directory lookups for an import: fetch the people of a batch at once, then ask synchronously (derive is pure).
import type { SqlExecutor } from "@/lib/db/sql";
import { readDirectoryMembers, type Membership } from "@/lib/db/queries/readDirectoryMembers";
import { pseudonymizeActor } from "@/lib/ingest/normalize";

/** The cohort of a person at an instant: the latest membership that began by then; before the first, the first. */
export function cohortAt(memberships: readonly Membership[], at: Date): string | null {
  let cohort = memberships[0]?.cohort ?? null;
  for (const m of memberships) if (m.since <= at) cohort = m.cohort;
  return cohort;
}

export class DirectoryLookup {
  /** Memberships by person as named in the records, so each person is hashed and fetched once per import. */
  private readonly known = new Map<string, Membership[]>();

  constructor(
    private readonly sql: SqlExecutor,
    private readonly secret: string,
    /** People remembered at most: an export of endless distinct people starts over rather than growing. */
    private readonly capacity = 100_000,
  ) {}

  async prefetch(persons: Iterable<string>): Promise<void> {
    const batch = new Set(persons);
    let unknown = [...batch].filter((person) => !this.known.has(person));
    // Starting over keeps this batch's people, whom derive asks about next.
    if (this.known.size + unknown.length > this.capacity) {
      this.known.clear();
      unknown = [...batch];
    }
    const entries = unknown.map((person) => [person, pseudonymizeActor(person, this.secret)] as const);
    for (let start = 0; start < entries.length; start += 500) {
      const chunk = entries.slice(start, start + 500);
      const byHash = new Map<string, Membership[]>();
      for (const [person, hash] of chunk) {
        const memberships = byHash.get(hash) ?? [];
        byHash.set(hash, memberships);
        this.known.set(person, memberships);
      }
      for (const m of await readDirectoryMembers(this.sql, [...byHash.keys()])) byHash.get(m.person)!.push(m);
    }
  }

  /** Only for people prefetched; anyone else is unknown. */
  cohortOf = (person: string, at: Date): string | null => cohortAt(this.known.get(person) ?? [], at);
}
