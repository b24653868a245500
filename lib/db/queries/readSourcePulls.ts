import type { SqlExecutor } from "@/lib/db/sql";
import { timestampText } from "@/lib/db/timestampText";

export interface SourcePullState {
  source: string;
  watermark: Date | null;
  lastRunAt: Date | null;
  lastOutcome: "ok" | "failed" | null;
  problem: string | null;
  lastError: string | null;
  lastCounts: Record<string, unknown> | null;
  lastRecordsAt: Date | null;
  newestRecordAt: Date | null;
  quietAlertedAt: Date | null;
}

const TIMES = ["watermark", "lastRunAt", "lastRecordsAt", "newestRecordAt", "quietAlertedAt"] as const;

/** The pull state of the named sources (all of them when no key is given), by source key. */
export async function readSourcePulls(tx: SqlExecutor, source?: string): Promise<Map<string, SourcePullState>> {
  const rows = await tx.query<Record<string, string | null>>(
    `SELECT "source", "lastOutcome", "problem", "lastError", "lastCounts", ${TIMES.map((t) => `${timestampText(tx, t)} AS "${t}"`).join(", ")}
     FROM "SourcePull"${source === undefined ? "" : ` WHERE "source" = ?`}`,
    source === undefined ? [] : [source],
  );
  const date = (value: string | null) => (value ? new Date(value) : null);
  return new Map(
    rows.map((row) => [
      row.source!,
      {
        source: row.source!,
        watermark: date(row.watermark!),
        lastRunAt: date(row.lastRunAt!),
        lastOutcome: row.lastOutcome as SourcePullState["lastOutcome"],
        problem: row.problem!,
        lastError: row.lastError!,
        lastCounts: row.lastCounts ? (JSON.parse(row.lastCounts) as Record<string, unknown>) : null,
        lastRecordsAt: date(row.lastRecordsAt!),
        newestRecordAt: date(row.newestRecordAt!),
        quietAlertedAt: date(row.quietAlertedAt!),
      },
    ]),
  );
}
