// ActorDay and ActorWeek rows this process knows to exist. An actor's row for a day is inserted with the day's first
// event and every later event of that day finds it there (ON CONFLICT DO NOTHING); at ten million events most of a
// group's actor rows already exist. Rows known to exist are left out of a group's inserts.
//
// Safe to lose, and safe beside other instances: an entry only ever claims that a row exists, and it is added only
// after the transaction that inserted (or found) the row committed. The rows are removed only by what renews the
// rollups' generation (a rebuild, a restore: lib/db/rollupsGeneration.ts), and the entries are kept per generation:
// a write transaction that reads another generation starts from nothing. A transaction that read the old generation
// while a rebuild ran may still skip a row the rebuild deleted: the rebuild recomputes it from the committed event
// that made it known (the same day, as a rebuild that changes the timezone runs with every server stopped).
import type { Database } from "@/lib/db/database";
import type { RollupDeltas } from "./rollups";

type ActorTable = "actorDays" | "actorWeeks";
const ACTOR_TABLES: readonly ActorTable[] = ["actorDays", "actorWeeks"];

/** Per table: a few megabytes of keys, several days of a large tenant's actors. */
const MAX_KNOWN = 50_000;

export interface KnownRows {
  /** Leaves out of the deltas the actor rows known to exist. */
  skipKnown(deltas: RollupDeltas): void;
  /** After the commit of these deltas: every actor row in them exists. */
  remember(deltas: RollupDeltas): void;
}

const NOTHING_KNOWN: KnownRows = { skipKnown: () => undefined, remember: () => undefined };

class KnownActorRows implements KnownRows {
  private readonly keys = { actorDays: new Set<string>(), actorWeeks: new Set<string>() };

  constructor(readonly generation: string) {}

  skipKnown(deltas: RollupDeltas): void {
    for (const table of ACTOR_TABLES) {
      const known = this.keys[table];
      for (const key of deltas[table].keys()) if (known.has(key)) deltas[table].delete(key);
    }
  }

  remember(deltas: RollupDeltas): void {
    for (const table of ACTOR_TABLES) {
      const known = this.keys[table];
      if (known.size + deltas[table].size > MAX_KNOWN) known.clear();
      for (const key of deltas[table].keys()) known.add(key);
    }
  }
}

const knownPerDatabase = new WeakMap<Database, KnownActorRows>();

/**
 * The rows known in the generation a write transaction read. The process keeps the set of the generation read last;
 * a group that read another one (it began before a rebuild committed) gets a new set, so what a group remembers
 * never joins the set of another generation.
 */
export function knownRows(db: Database, generation: string | null): KnownRows {
  if (generation === null) return NOTHING_KNOWN;
  let known = knownPerDatabase.get(db);
  if (known?.generation !== generation) knownPerDatabase.set(db, (known = new KnownActorRows(generation)));
  return known;
}
