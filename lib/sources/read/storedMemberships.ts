// The directory's memberships as the store holds them, for an import's lookups (./directoryLookup.ts): on the
// importing side's connection, or on a reading thread's own (./readerThread.ts).
import { openSqlDriver, type SqlExecutor } from "@/lib/db/sql";
import { readDirectoryMembers, type Membership } from "@/lib/db/queries/readDirectoryMembers";
import { pseudonymizeActor } from "@/lib/ingest/normalize";
import type { MembershipFetch } from "./directoryLookup";

/** Where an import looks people up: the database (its connection here, its URL for a thread) and the hash's key. */
export interface DirectoryStore {
  url: string;
  sql: SqlExecutor;
  secret: string;
}

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

/**
 * The same lookups on a connection of the caller's own, opened from the store's URL (a worker thread cannot share
 * the importing side's). Reads only, and SQLite's WAL lets them run while the importing side writes.
 */
export function ownMemberships({ url, secret }: Pick<DirectoryStore, "url" | "secret">): { fetch: MembershipFetch; close: () => Promise<void> } {
  const sql = openSqlDriver(url);
  return { fetch: storedMemberships(sql, secret), close: () => sql.close() };
}
