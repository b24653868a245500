// A write transaction of either kind: the raw driver's (ingestion) or Prisma's (the registry, decisions). Writes that
// must commit with changes made on either path (the alert outbox) take a Writer and use the path they are given.
import type { SqlExecutor } from "./sql";
import type { Prisma } from "./prisma";

export type Writer = SqlExecutor | Prisma.TransactionClient;

export function isSqlExecutor(writer: Writer): writer is SqlExecutor {
  return "script" in writer && typeof writer.script === "function";
}
