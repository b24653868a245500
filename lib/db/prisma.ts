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
type SqliteTransaction = Awaited<ReturnType<SqliteAdapter["startTransaction"]>>;

/**
 * Prisma's SQLite adapter runs every query on one connection and keeps only transactions apart from each other: a
 * query of one request issued while another request's transaction is open runs inside it, so it reads that
 * transaction's uncommitted rows and is rolled back with it (an audit record of a refused sign-in, say, vanishing
 * with an unrelated rollback). Here every query outside a transaction waits for the open one to end.
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
      const release = await turn.acquire();
      let transaction: SqliteTransaction;
      try {
        transaction = await adapter.startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      const end = (fn: () => Promise<void>) => async () => {
        try {
          await fn();
        } finally {
          release();
        }
      };
      return {
        provider: transaction.provider,
        adapterName: transaction.adapterName,
        options: transaction.options,
        queryRaw: (query) => transaction.queryRaw(query),
        executeRaw: (query) => transaction.executeRaw(query),
        commit: end(() => transaction.commit()),
        rollback: end(() => transaction.rollback()),
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
