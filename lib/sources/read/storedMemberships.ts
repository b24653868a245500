// The directory's memberships as the store holds them, for an import's lookups (./directoryLookup.ts). Apart from
// the lookup itself, so a reading thread (./readerThread.ts), which asks the importing side, loads no store code.
import type { SqlExecutor } from "@/lib/db/sql";
import { readDirectoryMembers, type Membership } from "@/lib/db/queries/readDirectoryMembers";
import { pseudonymizeActor } from "@/lib/ingest/normalize";
import type { MembershipFetch } from "./directoryLookup";

/** Memberships from the store: each person hashed with the installation's key, then read 500 at a time. */
export function storedMemberships(sql: SqlExecutor, secret: string): MembershipFetch {
  return async (persons) => {
    const found = new Map<string, Membership[]>();
    for (let start = 0; start < persons.length; start += 500) {
      const byHash = new Map<string, Membership[]>();
      for (const person of persons.slice(start, start + 500)) {
        const hash = pseudonymizeActor(person, secret);
        const memberships = byHash.get(hash) ?? [];
        byHash.set(hash, memberships);
        found.set(person, memberships);
      }
      for (const m of await readDirectoryMembers(sql, [...byHash.keys()])) byHash.get(m.person)!.push(m);
    }
    return found;
  };
}
