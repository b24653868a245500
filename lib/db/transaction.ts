// The one way library code writes several rows at once: it opens a transaction here and hands it to the writes of
// lib/db/queries and to appendAudit, so a change and its audit record commit together and only lib/db calls Prisma.
import type { Database } from "./database";
import type { Prisma } from "./prisma";

export type Transaction = Prisma.TransactionClient;

/** The Prisma client a query runs on: the database's own, or the transaction it was handed. */
export function clientOf(source: Database | Transaction): Transaction {
  return "prisma" in source ? source.prisma : source;
}

export function inTransaction<T>(db: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.prisma.$transaction(fn);
}
