// Prisma clients for both dialects. Both are generated from prisma/model.prisma, so their model APIs are the same;
// the rest of Tollgate types against the SQLite client and uses only what both dialects support.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { dialectOf } from "./dialect";

export type PrismaDb = SqlitePrismaClient;
export { Prisma } from "./generated/sqlite/client";

export function createPrisma(url: string): PrismaDb {
  if (dialectOf(url) === "sqlite") {
    return new SqlitePrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 15_000 }) });
  }
  return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaDb;
}
