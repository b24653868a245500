// The connections of one Postgres read, all on one snapshot. The read's first connection exports its snapshot
// (pg_export_snapshot) and any other it opens imports it (SET TRANSACTION SNAPSHOT), so each statement sees the same
// committed data, as in one REPEATABLE READ transaction, while independent statements run side by side: a page
// whose reads are independent (the portfolio's counts, actors, durations) waits for the longest, not for their sum.
import pg from "pg";

/** Connections for the second and later statements of reads, in a pool of their own apart from the main one. */
export class HelperConnections {
  private readonly pool: pg.Pool;
  private inUse = 0;

  constructor(
    connectionString: string,
    private readonly size: number,
  ) {
    this.pool = new pg.Pool({ connectionString, max: size });
    // As the main pool: an idle client that errors (server restart) must not crash the process.
    this.pool.on("error", () => undefined);
  }

  /**
   * A connection on the given snapshot, or null when all are taken. Never waits for one: a read holding
   * connections while waiting for another could wait on a read doing the same. Reserved synchronously, so the pool
   * always has one free for each reservation and never queues a request.
   */
  take(snapshot: string): Promise<pg.PoolClient> | null {
    if (this.inUse >= this.size) return null;
    this.inUse += 1;
    return this.pool.connect().then(
      async (client) => {
        try {
          await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '${snapshot}'`);
          return client;
        } catch (error) {
          this.give(client, error);
          throw error;
        }
      },
      (error: unknown) => {
        this.inUse -= 1;
        throw error;
      },
    );
  }

  /** Ends the connection's transaction (its statements only read) and returns it; after a failed read it is discarded. */
  give(client: pg.PoolClient, error?: unknown): void {
    this.inUse -= 1;
    if (error) client.release(true);
    else void client.query("COMMIT").then(() => client.release(), (failed: Error) => client.release(failed));
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Hands the read's statements to its connections: an idle one, else a new helper while one is free, else the next to finish. */
export class SnapshotConnections {
  private readonly idle: pg.PoolClient[];
  private readonly helpers: pg.PoolClient[] = [];
  private readonly waiting: ((client: pg.PoolClient) => void)[] = [];

  constructor(
    lead: pg.PoolClient,
    private readonly snapshot: string,
    private readonly pool: HelperConnections,
  ) {
    this.idle = [lead];
  }

  async run<T>(statement: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.acquire();
    try {
      return await statement(client);
    } finally {
      const next = this.waiting.shift();
      if (next) next(client);
      else this.idle.push(client);
    }
  }

  private acquire(): Promise<pg.PoolClient> {
    const idle = this.idle.pop();
    if (idle) return Promise.resolve(idle);
    const helper = this.pool.take(this.snapshot);
    if (helper) return helper.then((client) => (this.helpers.push(client), client));
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Returns the helpers once the read is over; the lead's transaction is its driver's to end. */
  finish(error?: unknown): void {
    for (const client of this.helpers.splice(0)) this.pool.give(client, error);
  }
}

/** pg_export_snapshot's identifier (hex digits and dashes), checked before it is written into SQL. */
export function snapshotId(value: unknown): string {
  if (typeof value !== "string" || !/^[0-9A-F]+(-[0-9A-F]+)+$/i.test(value)) throw new Error(`Unexpected snapshot identifier from Postgres: ${String(value)}`);
  return value;
}
