// One handle on the database: the Prisma client for typed queries and the raw driver for the write path. Library
// functions take a Database so tests can run them against throwaway SQLite and Postgres databases alike.
import { databaseUrl, dialectOf, type Dialect } from "./dialect";
import { createPrisma, type PrismaDb } from "./prisma";
import { openSqlDriver, type SqlDriver } from "./sql";

export interface Database {
  readonly url: string;
  readonly dialect: Dialect;
  readonly prisma: PrismaDb;
  readonly sql: SqlDriver;
  close(): Promise<void>;
}

export function openDatabase(url: string = databaseUrl()): Database {
  const prisma = createPrisma(url);
  const sql = openSqlDriver(url);
  return {
    url,
    dialect: dialectOf(url),
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await sql.close();
    },
  };
}

/** Throws when the database does not answer a trivial statement: the health check. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.sql.query("SELECT 1");
}

const globalForDb = globalThis as unknown as { tollgateDb?: Database };

/** The process-wide database of the running app (kept on globalThis so Next's dev reloads reuse it). */
export function appDatabase(): Database {
  globalForDb.tollgateDb ??= openDatabase();
  return globalForDb.tollgateDb;
}

/** Points the app at another database (the route tests' throwaway ones). */
export function setAppDatabase(db: Database): void {
  globalForDb.tollgateDb = db;
}
