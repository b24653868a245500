// Throwaway databases for the database test suites, which run against SQLite and Postgres alike. Postgres is
// required under CI=true; locally its suites skip with a message when no server answers.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, beforeAll, afterAll } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import type { Dialect } from "@/lib/db/dialect";
import { migrate } from "@/lib/db/migrate";
import { setupInstallation } from "@/lib/db/settings";

export const POSTGRES_ADMIN_URL = process.env.TOLLGATE_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
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

const postgres = await postgresReachable();
if (!postgres) {
  if (process.env.CI === "true") {
    throw new Error(`CI=true but Postgres is not reachable at ${POSTGRES_ADMIN_URL}; the Postgres suites must run in CI.`);
  }
  console.warn(`Postgres is not reachable at ${POSTGRES_ADMIN_URL}: skipping the Postgres database suites.`);
}

export interface TestDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: Dialect, options: { timezone?: string } = {}): Promise<TestDatabase> {
  const name = `tollgate_test_${crypto.randomBytes(6).toString("hex")}`;
  let url: string;
  let dropStore: () => Promise<void>;
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-test-"));
    url = `file:${path.join(dir, `${name}.db`)}`;
    dropStore = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const parsed = new URL(POSTGRES_ADMIN_URL);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    dropStore = async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    };
  }
  const db = openDatabase(url);
  await migrate(db.sql);
  await setupInstallation(db, { timezone: options.timezone ?? "UTC", actorSecret: "test-secret" });
  return {
    db,
    url,
    async drop() {
      await db.close();
      await dropStore();
    },
  };
}

export const TEST_DIALECTS: readonly Dialect[] = ["sqlite", "postgres"];

/** Declares a suite once per dialect, each with its own fresh database. */
export function describeEachDatabase(
  name: string,
  body: (database: () => Database, dialect: Dialect) => void,
  options: { timezone?: string } = {},
): void {
  for (const dialect of TEST_DIALECTS) {
    const suite = dialect === "postgres" && !postgres ? describe.skip : describe;
    suite(`${name} [${dialect}]`, () => {
      let test: TestDatabase | undefined;
      beforeAll(async () => {
        test = await createTestDatabase(dialect, options);
      });
      afterAll(async () => {
        await test?.drop();
      });
      body(() => {
        if (!test) throw new Error("test database not ready");
        return test.db;
      }, dialect);
    });
  }
}
