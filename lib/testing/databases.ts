// Throwaway databases for the database test suites, which run against SQLite and Postgres alike. Postgres is
// required under CI=true; locally its suites skip with a message when no server answers.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, beforeAll, afterAll } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import type { Dialect } from "@/lib/db/dialect";
import { migrate } from "@/lib/db/migrate";
import { setupInstallation } from "@/lib/db/settings";
import { createDatabase, DEFAULT_POSTGRES_ADMIN_URL, postgresReachable } from "@/lib/db/throwaway";

export const POSTGRES_ADMIN_URL = process.env.TOLLGATE_TEST_PG_URL ?? DEFAULT_POSTGRES_ADMIN_URL;

const postgres = await postgresReachable(POSTGRES_ADMIN_URL);
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

/** The actor secret of every test database (tests pass it explicitly: it is kept outside the database). */
export const TEST_ACTOR_SECRET = "test-secret";

export async function createTestDatabase(dialect: Dialect, options: { timezone?: string } = {}): Promise<TestDatabase> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-test-"));
  const store = await createDatabase(dialect, `tollgate_test_${crypto.randomBytes(6).toString("hex")}`, {
    tempDir,
    postgresAdminUrl: POSTGRES_ADMIN_URL,
  });
  const db = openDatabase(store.url);
  await migrate(db.sql);
  await setupInstallation(db, { timezone: options.timezone ?? "UTC", actorSecret: TEST_ACTOR_SECRET });
  return {
    db,
    url: store.url,
    async drop() {
      await db.close();
      await store.drop();
      fs.rmSync(tempDir, { recursive: true, force: true });
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
