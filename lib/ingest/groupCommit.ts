// Group commit: batches that arrive in the same turn of the event loop, or while the driver's write transactions are
// all running, are written together in one transaction. A commit is the expensive part of a write (SQLite syncs
// the WAL to disk at every commit), so concurrent senders share it instead of queueing for one each, and the
// group's rollups are added once. SQLite runs one group at a time; Postgres runs several at once on pooled
// connections (parallelWrites), so one group's commit no longer leaves the next waiting with the database idle.
// Each batch is acknowledged only after the commit that holds it, and a batch in a failed group is retried alone,
// so one bad batch cannot fail the others.
import type { Database } from "@/lib/db/database";
import { bulkInsert } from "@/lib/db/bulk";
import type { SqlExecutor } from "@/lib/db/sql";
import type { StoredEvent } from "./normalize";
import { applyRollups, rollupDeltas, type RollupDeltas } from "./rollups";
import { readWriteSettings } from "@/lib/db/watermark";
import { knownRows, type KnownRows } from "./knownRows";
import { alertIncidents } from "@/lib/alerts/outbox";
import { eventKey } from "./identity";
import { closeReviewedClaims, queueSampledOutputs } from "@/lib/review/intake";

export const EVENT_COLUMNS = [
  "id",
  "type",
  "workflow",
  "cohort",
  "taskId",
  "occurredAt",
  "day",
  "actor",
  "agentVersion",
  "outputKind",
  "verdict",
  "errorCategory",
  "reason",
  "mode",
  "durationMs",
  "category",
  "severity",
  "rating",
  "score",
  "properties",
  "receivedAt",
  "apiKeyId",
  "sampled",
] as const;

export interface EventWrite {
  /**
   * Unique identities (workflow, id), sorted by them: one lock order within a write. Groups in flight together (or
   * on two instances) may still lock rows in different orders; Postgres then aborts one as a deadlock and the driver
   * retries it (lib/db/sql.ts).
   */
  events: StoredEvent[];
  receivedAt: Date;
  apiKeyId: string | null;
  /** The installation's secret: the key of the review sample's hash (lib/review/sampling.ts). */
  secret: string;
}

export interface WriteResult {
  /** Events newly stored (not held already). */
  stored: StoredEvent[];
  /** Events not stored because they occurred before the retention watermark (already counted, then purged). */
  expired: { workflow: string; id: string }[];
  /** The watermark the transaction read; null before the first retention run. */
  watermark: Date | null;
}

interface Pending extends EventWrite {
  resolve: (result: WriteResult) => void;
  reject: (error: unknown) => void;
}

/** Enough to amortize the commit; small enough that a group's transaction stays short. */
const MAX_GROUP_EVENTS = 10_000;

/** The columns of an event's own values, in EVENT_COLUMNS' order; receivedAt and apiKeyId are the write's. */
const OWN_EVENT_COLUMNS = EVENT_COLUMNS.filter((c) => c !== "receivedAt" && c !== "apiKeyId");

/** Inserts the events the store does not hold yet and returns those. */
async function insertNew(tx: SqlExecutor, { events, receivedAt, apiKeyId }: EventWrite): Promise<StoredEvent[]> {
  const inserted = await bulkInsert<{ workflow: string; id: string }>(tx, {
    table: "Event",
    columns: OWN_EVENT_COLUMNS,
    rows: events.map((e) => [
      e.id, e.type, e.workflow, e.cohort, e.taskId, e.occurredAt, e.day, e.actor, e.agentVersion, e.outputKind,
      e.verdict, e.errorCategory, e.reason, e.mode, e.durationMs, e.category, e.severity, e.rating, e.score, e.properties,
      e.sampled,
    ]),
    same: { receivedAt, apiKeyId },
    onConflict: `ON CONFLICT ("workflow", "id") DO NOTHING`,
    returning: ["workflow", "id"],
  });
  const insertedKeys = new Set(inserted.map(eventKey));
  return events.filter((e) => insertedKeys.has(eventKey(e)));
}

class GroupCommitter {
  private readonly queue: Pending[] = [];
  private running = 0;
  private startScheduled = false;

  constructor(private readonly db: Database) {}

  submit(write: EventWrite): Promise<WriteResult> {
    return new Promise<WriteResult>((resolve, reject) => {
      this.queue.push({ ...write, resolve, reject });
      // Not at once: the requests whose bodies arrived with this one are parsed in the same turn of the event loop,
      // and setImmediate runs after them, so they join one group instead of each starting its own. On SQLite a
      // started group blocks the thread through its commit, so without this nearly every group was one request.
      if (!this.startScheduled) {
        this.startScheduled = true;
        setImmediate(() => {
          this.startScheduled = false;
          this.startGroups();
        });
      }
    });
  }

  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    let events = 0;
    while (this.queue.length > 0 && (group.length === 0 || events + this.queue[0]!.events.length <= MAX_GROUP_EVENTS)) {
      const next = this.queue.shift()!;
      events += next.events.length;
      group.push(next);
    }
    return group;
  }

  /** One transaction for the group; returns each write's count of newly stored events. */
  private async run(group: readonly EventWrite[]): Promise<WriteResult[]> {
    // The last attempt's (the driver retries a transaction that deadlocked): what its commit made certain.
    let committed: { known: KnownRows; deltas: RollupDeltas } | undefined;
    const results = await this.db.sql.transaction(async (tx) => {
      // Read in the transaction, so no batch can store an event a concurrent purge deletes (lib/db/watermark.ts).
      const { watermark, rollupsGeneration } = await readWriteSettings(tx);
      const known = knownRows(this.db, rollupsGeneration);
      const results: WriteResult[] = [];
      const fresh: StoredEvent[][] = [];
      for (const write of group) {
        const expired = watermark ? write.events.filter((e) => e.occurredAt < watermark) : [];
        const events = expired.length ? write.events.filter((e) => e.occurredAt >= watermark!) : write.events;
        const inserted = await insertNew(tx, { ...write, events });
        fresh.push(inserted);
        results.push({ stored: inserted, expired: expired.map(({ workflow, id }) => ({ workflow, id })), watermark });
      }
      const stored = fresh.flat();
      await alertIncidents(tx, stored);
      const batches = group.map(({ secret, receivedAt }, i) => ({ events: fresh[i]!, secret, receivedAt }));
      await queueSampledOutputs(tx, batches);
      await closeReviewedClaims(tx, batches);
      // Last: concurrent groups add to the same few rollup rows, and each waits for the row locks another holds
      // until it commits, so the less that runs after the rollups, the shorter that wait.
      const deltas = rollupDeltas(stored);
      known.skipKnown(deltas);
      await applyRollups(tx, deltas);
      committed = { known, deltas };
      return results;
    });
    committed?.known.remember(committed.deltas);
    return results;
  }

  /**
   * Starts a group while the driver has room for another write transaction (one on SQLite, several on Postgres).
   * Groups in flight together are as safe as two instances' groups (see below); the batches that arrive meanwhile
   * queue and form the next group.
   */
  private startGroups(): void {
    while (this.queue.length > 0 && this.running < this.db.sql.parallelWrites) {
      const group = this.takeGroup();
      this.running += 1;
      void this.commit(group).finally(() => {
        this.running -= 1;
        this.startGroups();
      });
    }
  }

  private async commit(group: Pending[]): Promise<void> {
    try {
      const results = await this.run(group);
      group.forEach((pending, i) => pending.resolve(results[i]!));
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      for (const pending of group) {
        try {
          pending.resolve((await this.run([pending]))[0]!);
        } catch (alone) {
          pending.reject(alone);
        }
      }
    }
  }
}

// Beside other instances: a group joins only this process's concurrent writes; each instance commits its own groups.
// What must hold across them is in the database: the unique key (workflow, id) stores an id posted to two instances
// at once once (ON CONFLICT DO NOTHING, and only the inserted rows add to the rollups), and the rollups are added
// with upserts in the same transaction, so two instances' transactions add up instead of overwriting each other.
// The same holds for this process's own groups in flight together on Postgres: to the database they are just more
// concurrent transactions (a deadlock between two of them is retried by the driver, lib/db/sql.ts).
const committers = new WeakMap<Database, GroupCommitter>();

/**
 * Stores the events not stored yet and not older than the retention watermark, with their rollups, in a transaction
 * possibly shared with concurrent writes.
 */
export function writeEvents(db: Database, write: EventWrite): Promise<WriteResult> {
  let committer = committers.get(db);
  if (!committer) committers.set(db, (committer = new GroupCommitter(db)));
  return committer.submit(write);
}
