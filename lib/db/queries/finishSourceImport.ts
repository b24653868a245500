import type { SqlExecutor } from "@/lib/db/sql";

/** Records how an import ended: the file's SHA-256 (known once read to the end; null when it failed) and its counts. */
export async function finishSourceImport(tx: SqlExecutor, id: string, finished: { sha256: string | null; finishedAt: Date; counts: unknown }): Promise<void> {
  await tx.execute(`UPDATE "SourceImport" SET "sha256" = ?, "finishedAt" = ?, "counts" = ? WHERE "id" = ?`, [
    finished.sha256,
    finished.finishedAt,
    JSON.stringify(finished.counts),
    id,
  ]);
}
