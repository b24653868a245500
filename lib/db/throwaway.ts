// Throwaway databases for tests, the benchmark and the drills: SQLite files in a temporary folder (never ./data)
// and Postgres databases created on a server and dropped at the end.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

import type { Dialect } from "./dialect";

export const DEFAULT_POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface ThrowawayDatabase {
  dialect: Dialect;
  /** A DATABASE_URL for Tollgate: file:… or postgresql://… */
  url: string;
  /** What the raw drivers open: the SQLite file path, or the Postgres URL. */
  location: string;
  drop(): Promise<void>;
}

export async function postgresReachable(adminUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withAdminClient(adminUrl: string, fn: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database. `name` must be a lower-case identifier (letters, digits, underscores): it becomes the
 * SQLite file name in `tempDir` or the Postgres database name.
 */
export async function createDatabase(dialect: Dialect, name: string, options: { tempDir: string; postgresAdminUrl: string }): Promise<ThrowawayDatabase> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a safe database name: ${name}`);
  if (dialect === "sqlite") {
    const file = path.join(options.tempDir, `${name}.db`);
    return {
      dialect,
      url: `file:${file}`,
      location: file,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  await withAdminClient(options.postgresAdminUrl, (client) => client.query(`CREATE DATABASE "${name}"`).then(() => undefined));
  const url = new URL(options.postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    location: url.toString(),
    // FORCE ends the connections a stopped server might still hold open.
    drop: () => withAdminClient(options.postgresAdminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined)),
  };
}
