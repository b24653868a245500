// Prisma clients for both dialects. Both are generated from prisma/model.prisma, so their model APIs are the same;
// the rest of Tollgate types against the SQLite client and uses only what both dialects support.
import { Mutex } from "async-mutex";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { dialectOf } from "./dialect";

export type PrismaDb = SqlitePrismaClient;
export { Prisma } from "./generated/sqlite/client";

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/**
 * Prisma's SQLite adapter runs every query on one connection and keeps only transactions apart from each other: a
 * query of one request issued while another request's transaction is open runs inside it, so it reads that
 * transaction's uncommitted rows and is rolled back with it (an audit record of a refused sign-in, say, vanishing
 * with an unrelated rollback). Here every query outside a transaction waits for the open one to end.
 *
 * Its transactions also begin DEFERRED: another process (a `tollgate` command beside the server) that writes between
 * a transaction's first read and its first write makes that write fail at once with SQLITE_BUSY. Here they begin
 * IMMEDIATE, as the raw driver's do (lib/db/sql.ts), so they wait for the write lock up front, within the busy timeout.
 */
function serializeSqlite(adapter: SqliteAdapter): SqliteAdapter {
  const turn = new Mutex();
  const inTurn = <T>(fn: () => Promise<T>) => turn.runExclusive(fn);
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    queryRaw: (query) => inTurn(() => adapter.queryRaw(query)),
    executeRaw: (query) => inTurn(() => adapter.executeRaw(query)),
    executeScript: (script) => inTurn(() => adapter.executeScript(script)),
    dispose: () => inTurn(() => adapter.dispose()),
    async startTransaction(isolationLevel) {
      // SQLite transactions are serializable; the adapter refuses other levels, and Tollgate never asks for one.
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") throw new Error(`SQLite has no ${isolationLevel} isolation level`);
      const release = await turn.acquire();
      try {
        await adapter.executeScript("BEGIN IMMEDIATE");
      } catch (error) {
        release();
        throw error;
      }
      // The connection is this transaction's until it ends: Prisma sends COMMIT or ROLLBACK through executeRaw
      // (usePhantomQuery false), then calls commit() or rollback(), which hand the connection back.
      const end = async () => release();
      return {
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        options: { usePhantomQuery: false },
        queryRaw: (query) => adapter.queryRaw(query),
        executeRaw: (query) => adapter.executeRaw(query),
        commit: end,
        rollback: end,
      };
    },
  };
}

type SqliteAdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof SqlitePrismaClient>[0]>["adapter"]>;

function serializedSqliteFactory(url: string): SqliteAdapterFactory {
  const factory = new PrismaBetterSQLite3({ url, timeout: 15_000 });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serializeSqlite(await factory.connect()),
  };
}

export function createPrisma(url: string): PrismaDb {
  if (dialectOf(url) === "sqlite") return new SqlitePrismaClient({ adapter: serializedSqliteFactory(url) });
  return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaDb;
}
