// The raw SQL driver under the write path (ingestion, rollup rebuilds, migrations). Prisma serves the rest, on a
// SQLite connection of its own that lib/db/prisma.ts serializes. Events skip Prisma for speed and for a write lock
// taken up front: here SQLite gets a dedicated connection whose transactions are serialized by a mutex and start
// with BEGIN IMMEDIATE, and Postgres gets a pool whose transactions each own a client. SQL uses `?` placeholders
// and the quoting both dialects share.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { Mutex } from "async-mutex";
import { dialectOf, sqlitePath, type Dialect } from "./dialect";
import { HelperConnections, SnapshotConnections, snapshotId } from "./snapshotConnections";

export type Row = Record<string, unknown>;
export type Param = string | number | bigint | boolean | null | Date;

export interface QueryOptions {
  /**
   * Keep the statement prepared on its Postgres connection, so the server parses and plans it once per connection
   * instead of at every run. Only for a constant text run often (each connection keeps every such statement for its
   * life); SQLite prepares every statement once anyway.
   */
  prepared?: boolean;
}

export interface SqlExecutor {
  readonly dialect: Dialect;
  query<T = Row>(sql: string, params?: readonly Param[], options?: QueryOptions): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  execute(sql: string, params?: readonly Param[]): Promise<number>;
  /**
   * Runs one statement once per row of parameters; returns each run's changed-row count. On SQLite the runs go one
   * after another without yielding (no promise per row: under Next.js every promise also pays its async hooks).
   */
  executeEach(sql: string, rows: readonly (readonly Param[])[]): Promise<number[]>;
  /** Runs a multi-statement script without parameters (a migration). */
  script(sql: string): Promise<void>;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: Dialect;
  /**
   * How many write transactions are worth running at once: SQLite has one writer (more would only queue on its
   * mutex), Postgres runs them side by side, each on a pooled connection of its own.
   */
  readonly parallelWrites: number;
  /** Runs fn in one transaction; on Postgres, retries it when the server reports a deadlock or serialization failure. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs read-only queries against one consistent snapshot, so figures read by several statements never mix an
   * ingestion's before and after. SQLite reads on a connection of their own and never wait for the writer.
   */
  read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Dates are stored as UTC ISO text on SQLite (the format Prisma's adapter writes) and sent as UTC to Postgres. */
function sqliteParam(value: Param): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** One better-sqlite3 connection with a cache of prepared statements. */
class SqliteConnection {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = new Database(file, { timeout: 15_000 });
    this.db.pragma("journal_mode = WAL");
    // FULL syncs the WAL at every commit: an acknowledged batch survives a crash of the machine, not only the process.
    this.db.pragma("synchronous = FULL");
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  readonly executor: SqlExecutor = {
    dialect: "sqlite",
    query: async <T>(sql: string, params: readonly Param[] = []) => {
      const statement = this.statement(sql);
      const args = params.map(sqliteParam);
      if (statement.reader) return statement.all(...args) as T[];
      statement.run(...args);
      return [];
    },
    execute: async (sql, params = []) => this.statement(sql).run(...params.map(sqliteParam)).changes,
    executeEach: async (sql, rows) => {
      const statement = this.statement(sql);
      return rows.map((params) => statement.run(...params.map(sqliteParam)).changes);
    },
    script: async (sql) => {
      this.db.exec(sql);
    },
  };

  /** BEGIN/COMMIT around fn; the caller holds this connection's mutex. */
  async inTransaction<T>(begin: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.db.exec(begin);
    try {
      const result = await fn(this.executor);
      this.db.exec("COMMIT");
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      throw error;
    }
  }
}

/** WAL pages (4 KiB) after which a commit checkpoints. */
export const WAL_CHECKPOINT_PAGES = 10_000;

/** The SQLite writer's page cache, in KiB. */
export const WRITER_CACHE_KIB = 32 * 1024;

class SqliteDriver implements SqlDriver {
  readonly dialect = "sqlite" as const;
  readonly parallelWrites = 1;
  private readonly writer: SqliteConnection;
  private readonly writeMutex = new Mutex();
  private reader: SqliteConnection | null = null;
  private readonly readMutex = new Mutex();

  constructor(private readonly file: string) {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.writer = new SqliteConnection(file);
    // A write group of 10,000 events dirties more pages than SQLite's default 2 MB page cache holds, so it spilled
    // pages to the WAL before its commit wrote them again: with a cache that holds a group, an import of 60,000
    // Purview records made a fifth fewer writes (strace: 84,000 pwrite calls, not 106,000). Memory is taken as used.
    this.writer.db.pragma(`cache_size = -${WRITER_CACHE_KIB}`);
    // A checkpoint (the WAL's pages copied into the database file, and a sync of it) after every ~40 MB of WAL
    // rather than SQLite's 4 MB: at 4 MB nearly every write group of an import ran one, copying the hot pages
    // (indexes, rollups) again each time. Durability is the WAL's, synced at every commit either way. 100,000 Purview
    // records, alternating: 11,650 / 11,606 records/s against 9,950 / 11,008.
    this.writer.db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  }

  private get executor(): SqlExecutor {
    return this.writer.executor;
  }

  query<T = Row>(sql: string, params?: readonly Param[]): Promise<T[]> {
    return this.writeMutex.runExclusive(() => this.executor.query<T>(sql, params));
  }

  execute(sql: string, params?: readonly Param[]): Promise<number> {
    return this.writeMutex.runExclusive(() => this.executor.execute(sql, params));
  }

  executeEach(sql: string, rows: readonly (readonly Param[])[]): Promise<number[]> {
    return this.writeMutex.runExclusive(() => this.executor.executeEach(sql, rows));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on another process' lock.
    return this.writeMutex.runExclusive(() => this.writer.inTransaction("BEGIN IMMEDIATE", fn));
  }

  read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.reader ??= new SqliteConnection(this.file);
    const reader = this.reader;
    return this.readMutex.runExclusive(() => reader.inTransaction("BEGIN DEFERRED", fn));
  }

  script(sql: string): Promise<void> {
    return this.writeMutex.runExclusive(() => this.executor.script(sql));
  }

  /** The write connection, for SQLite-only maintenance (online backup, integrity checks). */
  get connection(): Database.Database {
    return this.writer.db;
  }

  async close(): Promise<void> {
    await this.writeMutex.waitForUnlock();
    await this.readMutex.waitForUnlock();
    this.reader?.db.close();
    this.writer.db.close();
  }
}

/** Rewrites `?` placeholders (outside quoted text) as Postgres' `$1, $2, …`. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  let quote: string | null = null;
  let out = "";
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === "?") {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}

function pgParam(value: Param): unknown {
  // node-pg would send a Date in the process' local zone, which a `timestamp` column silently drops.
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

const RETRYABLE_PG_CODES = new Set(["40P01", "40001"]);

const POSTGRES_POOL_SIZE = 8;
/** Connections the reads of a process share for their statements beyond the first (lib/db/snapshotConnections.ts). */
const READ_HELPER_CONNECTIONS = 4;

class PostgresDriver implements SqlDriver {
  readonly dialect = "postgres" as const;
  /** Half the pool: the other half stays free for the reads and the jobs that run beside ingestion. */
  readonly parallelWrites = POSTGRES_POOL_SIZE / 2;
  private readonly pool: pg.Pool;
  private readonly helpers: HelperConnections;
  private readonly statements = new Map<string, { text: string; name: string }>();

  constructor(connectionString: string) {
    this.pool = new pg.Pool({ connectionString, max: POSTGRES_POOL_SIZE });
    // An idle client that errors (server restart) must not crash the process; the next query reconnects.
    this.pool.on("error", () => undefined);
    this.helpers = new HelperConnections(connectionString, READ_HELPER_CONNECTIONS);
  }

  /** The statement in Postgres' `$n` form, and the name it is prepared under when asked to be. */
  private statement(sql: string): { text: string; name: string } {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      const text = numberPlaceholders(sql);
      // Named by its text, so the same statement has one name on every connection and two never share one.
      statement = { text, name: `tollgate_${createHash("sha256").update(text).digest("hex").slice(0, 32)}` };
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private text(sql: string): string {
    return this.statement(sql).text;
  }

  private executorFor(client: pg.Pool | pg.PoolClient): SqlExecutor {
    return {
      dialect: "postgres",
      query: async <T>(sql: string, params: readonly Param[] = [], options: QueryOptions = {}) => {
        const { text, name } = this.statement(sql);
        return (await client.query({ text, name: options.prepared ? name : undefined, values: params.map(pgParam) })).rows as T[];
      },
      execute: async (sql, params = []) => (await client.query(this.text(sql), params.map(pgParam))).rowCount ?? 0,
      executeEach: async (sql, rows) => {
        const changes: number[] = [];
        for (const params of rows) changes.push((await client.query(this.text(sql), params.map(pgParam))).rowCount ?? 0);
        return changes;
      },
      // Without parameters node-pg uses the simple protocol, which runs a multi-statement script.
      script: async (sql) => {
        await client.query(sql);
      },
    };
  }

  query<T = Row>(sql: string, params?: readonly Param[], options?: QueryOptions): Promise<T[]> {
    return this.executorFor(this.pool).query<T>(sql, params, options);
  }

  execute(sql: string, params?: readonly Param[]): Promise<number> {
    return this.executorFor(this.pool).execute(sql, params);
  }

  executeEach(sql: string, rows: readonly (readonly Param[])[]): Promise<number[]> {
    return this.executorFor(this.pool).executeEach(sql, rows);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(this.executorFor(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        const code = (error as { code?: string }).code;
        if (attempt < 8 && code && RETRYABLE_PG_CODES.has(code)) {
          await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
          continue;
        }
        throw error;
      } finally {
        client.release();
      }
    }
  }

  async script(sql: string): Promise<void> {
    await this.executorFor(this.pool).script(sql);
  }

  /**
   * One REPEATABLE READ snapshot, whose statements may run side by side: started together (Promise.all), they go to
   * helper connections that import the snapshot (lib/db/snapshotConnections.ts).
   */
  async read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let connections: SnapshotConnections | undefined;
    try {
      const begun = (await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot() AS snapshot")) as unknown as pg.QueryResult[];
      connections = new SnapshotConnections(client, snapshotId(begun[1]?.rows[0]?.snapshot), this.helpers);
      const shared = connections;
      const run = <R>(statement: (tx: SqlExecutor) => Promise<R>) => shared.run((on) => statement(this.executorFor(on)));
      const result = await fn({
        dialect: "postgres",
        query: (sql, params, options) => run((tx) => tx.query(sql, params, options)),
        execute: (sql, params) => run((tx) => tx.execute(sql, params)),
        executeEach: (sql, rows) => run((tx) => tx.executeEach(sql, rows)),
        script: (sql) => run((tx) => tx.script(sql)),
      });
      connections.finish();
      await client.query("COMMIT");
      return result;
    } catch (error) {
      connections?.finish(error);
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.helpers.close()]);
  }
}

export function openSqlDriver(url: string): SqlDriver {
  return dialectOf(url) === "sqlite" ? new SqliteDriver(sqlitePath(url)) : new PostgresDriver(url);
}
