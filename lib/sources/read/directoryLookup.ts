// Directory lookups for an import: fetch the people of a batch at once, then ask synchronously (derive is pure).
import type { Membership } from "@/lib/db/queries/readDirectoryMembers";

/** Every membership of each of these people (as named in the records), oldest first; [] for someone unknown. */
export type MembershipFetch = (persons: readonly string[]) => Promise<Map<string, Membership[]>>;

/** The cohort of a person at an instant: the latest membership that began by then; before the first, the first. */
export function cohortAt(memberships: readonly Membership[], at: Date): string | null {
  let cohort = memberships[0]?.cohort ?? null;
  for (const m of memberships) if (m.since <= at) cohort = m.cohort;
  return cohort;
}

export class DirectoryLookup {
  /** Memberships by person as named in the records, so each person is fetched once per import. */
  private readonly known = new Map<string, Membership[]>();

  constructor(
    private readonly fetch: MembershipFetch,
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
    if (unknown.length === 0) return;
    for (const [person, memberships] of await this.fetch(unknown)) this.known.set(person, memberships);
  }

  /** Only for people prefetched; anyone else is unknown. */
  cohortOf = (person: string, at: Date): string | null => cohortAt(this.known.get(person) ?? [], at);
}
