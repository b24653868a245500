import type { SqlExecutor } from "@/lib/db/sql";
import type { SourcePullState } from "./readSourcePulls";

const COLUMNS = ["source", "watermark", "lastRunAt", "lastOutcome", "problem", "lastError", "lastCounts", "lastRecordsAt", "newestRecordAt", "quietAlertedAt"] as const;

/** Writes a source's whole pull state (the row is small and has one writer at a time: the source's lease holder). */
export async function saveSourcePull(tx: SqlExecutor, state: SourcePullState): Promise<void> {
  const values = COLUMNS.map((column) => (column === "lastCounts" ? (state.lastCounts ? JSON.stringify(state.lastCounts) : null) : state[column]));
  await tx.execute(
    `INSERT INTO "SourcePull" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})
     ON CONFLICT ("source") DO UPDATE SET ${COLUMNS.slice(1).map((c) => `"${c}" = excluded."${c}"`).join(", ")}`,
    values,
  );
}
