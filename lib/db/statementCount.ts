// A handle on the database that counts the statements sent through it: SQL through the driver (queries, writes,
// those inside read snapshots and transactions) and Prisma operations. Tests use it to bound a page's statements.
import type { Database } from "./database";
import type { PrismaDb } from "./prisma";
import type { SqlDriver, SqlExecutor } from "./sql";

export interface CountedDatabase {
  db: Database;
  /** Statements sent since the handle was made. */
  count(): number;
}

export function countStatements(db: Database): CountedDatabase {
  let statements = 0;
  const counted = (executor: SqlExecutor): SqlExecutor => ({
    dialect: executor.dialect,
    query: (sql, params, options) => (statements++, executor.query(sql, params, options)),
    execute: (sql, params) => (statements++, executor.execute(sql, params)),
    executeEach: (sql, rows) => ((statements += rows.length), executor.executeEach(sql, rows)),
    script: (sql) => (statements++, executor.script(sql)),
  });
  const sql: SqlDriver = {
    ...counted(db.sql),
    parallelWrites: db.sql.parallelWrites,
    transaction: (fn) => db.sql.transaction((tx) => fn(counted(tx))),
    read: (fn) => db.sql.read((tx) => fn(counted(tx))),
    close: () => db.sql.close(),
  };
  const prisma = db.prisma.$extends({
    query: {
      $allOperations({ args, query }) {
        statements++;
        return query(args);
      },
    },
  }) as unknown as PrismaDb;
  return { db: { ...db, sql, prisma }, count: () => statements };
}
