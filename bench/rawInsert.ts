// The yardstick for ingestion: the raw driver inserting the same rows, in the stored form, into a plain table with
// the Event table's columns, its primary key and one secondary index, and nothing else (no validation, no
// dedupe, no rollups, no HTTP). Runs in its own fresh database of the same dialect.
import Database from "better-sqlite3";
import pg from "pg";
import type { IncomingEvent } from "@/lib/contract/event";
import { progress } from "@/lib/cli/progress";
import { demoCohorts, demoWorkflows } from "@/lib/demo/program";
import { EVENT_COLUMNS } from "@/lib/ingest/groupCommit";
import { normalizeEvent, type NormalizeContext } from "@/lib/ingest/normalize";
import type { Dialect } from "@/lib/db/dialect";
import { BATCH_SIZE, type BatchSource, type Encoded } from "./workload";

/** Concurrent connections of the Postgres run, as many as the HTTP run's clients. SQLite has one writer anyway. */
export const RAW_POSTGRES_CONNECTIONS = 4;

type RawValue = string | number | null;

export interface RawBatch extends Encoded {
  /** The batch's rows flattened in EVENT_COLUMNS order: the statement's parameters. */
  values: RawValue[];
}

export interface RawInsertFigures {
  events: number;
  transactions: number;
  connections: number;
  seconds: number;
  eventsPerSecond: number;
}

/** Column types of the Event table in each dialect's migration (prisma/{sqlite,postgres}/migrations). */
const COLUMN_TYPES: Record<Dialect, Record<(typeof EVENT_COLUMNS)[number], string>> = {
  sqlite: {
    id: "TEXT NOT NULL", type: "TEXT NOT NULL", workflow: "TEXT NOT NULL", cohort: "TEXT NOT NULL",
    taskId: "TEXT NOT NULL", occurredAt: "DATETIME NOT NULL", day: "TEXT NOT NULL", actor: "TEXT",
    agentVersion: "TEXT NOT NULL DEFAULT ''", outputKind: "TEXT", verdict: "TEXT", errorCategory: "TEXT", reason: "TEXT",
    mode: "TEXT", durationMs: "BIGINT", category: "TEXT", severity: "INTEGER", rating: "TEXT", score: "INTEGER", properties: "TEXT",
    receivedAt: "DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP", apiKeyId: "TEXT", sampled: "BOOLEAN NOT NULL DEFAULT false",
  },
  postgres: {
    id: "TEXT NOT NULL", type: "TEXT NOT NULL", workflow: "TEXT NOT NULL", cohort: "TEXT NOT NULL",
    taskId: "TEXT NOT NULL", occurredAt: "TIMESTAMP(3) NOT NULL", day: "TEXT NOT NULL", actor: "TEXT",
    agentVersion: "TEXT NOT NULL DEFAULT ''", outputKind: "TEXT", verdict: "TEXT", errorCategory: "TEXT", reason: "TEXT",
    mode: "TEXT", durationMs: "BIGINT", category: "TEXT", severity: "INTEGER", rating: "TEXT", score: "INTEGER", properties: "TEXT",
    receivedAt: "TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP", apiKeyId: "TEXT", sampled: "BOOLEAN NOT NULL DEFAULT false",
  },
};

const quote = (name: string) => `"${name}"`;

function createTableSql(dialect: Dialect): string[] {
  const columns = EVENT_COLUMNS.map((c) => `${quote(c)} ${COLUMN_TYPES[dialect][c]}`).join(", ");
  return [
    `CREATE TABLE "bench_raw" (${columns}, PRIMARY KEY ("workflow", "id"))`,
    `CREATE INDEX "bench_raw_workflow_cohort_day_idx" ON "bench_raw" ("workflow", "cohort", "day")`,
  ];
}

function insertSql(dialect: Dialect, rows: number): string {
  let parameter = 0;
  const placeholder = () => (dialect === "sqlite" ? "?" : `$${++parameter}`);
  const tuples = Array.from({ length: rows }, () => `(${EVENT_COLUMNS.map(placeholder).join(", ")})`);
  return `INSERT INTO "bench_raw" (${EVENT_COLUMNS.map(quote).join(", ")}) VALUES ${tuples.join(", ")}`;
}

/**
 * Turns demo events into the rows ingestion stores: the same normalization (local day in the installation
 * timezone, actor pseudonymized under the same secret), with dates in the form each dialect's write path sends.
 */
export function rawBatchEncoder(options: { dialect: Dialect; timezone: string; actorSecret: string }): (events: IncomingEvent[]) => RawBatch {
  const context: NormalizeContext = {
    workflows: new Set(demoWorkflows.map((w) => w.key)),
    cohorts: new Set(demoCohorts.map((c) => c.key)),
    allowedWorkflows: null,
    timezone: options.timezone,
    actorSecret: options.actorSecret,
    now: new Date(),
  };
  // The app's SQLite driver stores dates as ISO text with an explicit offset (the form Prisma's adapter writes).
  const date = options.dialect === "sqlite" ? (d: Date) => d.toISOString().replace("Z", "+00:00") : (d: Date) => d.toISOString();
  // `sampled` goes as 1 or 0: better-sqlite3 binds no booleans, and Postgres reads '1' and '0' as true and false.
  // An API key id of the app's shape (a UUID), so rows are as wide as the ones ingestion writes.
  const apiKeyId = "00000000-0000-4000-8000-000000000000";
  return (events) => {
    const receivedAt = date(new Date());
    const values: RawValue[] = [];
    events.forEach((item, index) => {
      const result = normalizeEvent(item, index, context);
      if (!result.ok) throw new Error(`demo event ${index} is invalid: ${JSON.stringify(result.errors)}`);
      const e = result.event;
      values.push(
        e.id, e.type, e.workflow, e.cohort, e.taskId, date(e.occurredAt), e.day, e.actor, e.agentVersion, e.outputKind,
        e.verdict, e.errorCategory, e.reason, e.mode, e.durationMs, e.category, e.severity, e.rating, e.score, e.properties,
        receivedAt, apiKeyId, e.sampled ? 1 : 0,
      );
    });
    return { values, count: events.length };
  };
}

/**
 * better-sqlite3 with the app's settings (WAL, synchronous=FULL), one prepared multi-row INSERT per batch, each
 * batch its own BEGIN IMMEDIATE transaction as in ingestion.
 */
async function insertIntoSqlite(file: string, source: BatchSource<RawBatch>, total: number): Promise<RawInsertFigures> {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    for (const statement of createTableSql("sqlite")) db.exec(statement);
    const fullBatch = db.prepare(insertSql("sqlite", BATCH_SIZE));
    const insert = db.transaction((batch: RawBatch) => {
      const statement = batch.count === BATCH_SIZE ? fullBatch : db.prepare(insertSql("sqlite", batch.count));
      statement.run(batch.values);
    });

    const bar = progress("Raw SQLite inserts", total);
    let events = 0;
    let transactions = 0;
    const started = performance.now();
    for (let batch = source.next(); batch; batch = source.next()) {
      insert.immediate(batch);
      events += batch.count;
      transactions += 1;
      bar.update(events);
    }
    const seconds = (performance.now() - started) / 1000;
    bar.finish();
    const stored = (db.prepare(`SELECT count(*) AS n FROM "bench_raw"`).get() as { n: number }).n;
    if (stored !== events) throw new Error(`bench_raw holds ${stored} rows, expected ${events}`);
    return { events, transactions, connections: 1, seconds, eventsPerSecond: events / seconds };
  } finally {
    db.close();
  }
}

/**
 * node-pg with concurrent connections, each inserting a batch per transaction with one multi-row INSERT. The
 * statement is named, so each connection parses and plans it once: the best a plain driver does.
 */
async function insertIntoPostgres(url: string, source: BatchSource<RawBatch>, total: number): Promise<RawInsertFigures> {
  const pool = new pg.Pool({ connectionString: url, max: RAW_POSTGRES_CONNECTIONS });
  pool.on("error", () => undefined);
  try {
    for (const statement of createTableSql("postgres")) await pool.query(statement);
    const bar = progress("Raw Postgres inserts", total);
    let events = 0;
    let transactions = 0;
    let failed = false;

    async function connection(): Promise<void> {
      const client = await pool.connect();
      try {
        for (let batch = source.next(); batch && !failed; batch = source.next()) {
          await client.query("BEGIN");
          await client.query({ name: `bench_raw_insert_${batch.count}`, text: insertSql("postgres", batch.count), values: batch.values });
          await client.query("COMMIT");
          events += batch.count;
          transactions += 1;
          bar.update(events);
        }
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        client.release();
      }
    }

    const started = performance.now();
    await Promise.all(Array.from({ length: RAW_POSTGRES_CONNECTIONS }, connection));
    const seconds = (performance.now() - started) / 1000;
    bar.finish();
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "bench_raw"`);
    if (Number(rows[0]?.n) !== events) throw new Error(`bench_raw holds ${rows[0]?.n} rows, expected ${events}`);
    return { events, transactions, connections: RAW_POSTGRES_CONNECTIONS, seconds, eventsPerSecond: events / seconds };
  } finally {
    await pool.end();
  }
}

export function insertRaw(dialect: Dialect, location: string, source: BatchSource<RawBatch>, total: number): Promise<RawInsertFigures> {
  return dialect === "sqlite" ? insertIntoSqlite(location, source, total) : insertIntoPostgres(location, source, total);
}
