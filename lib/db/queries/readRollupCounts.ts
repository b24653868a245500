import type { SqlExecutor } from "@/lib/db/sql";
import { DAILY_COUNTERS } from "@/lib/db/dailyCounters";
import { periodOf, rollupWhere, type PeriodQuery } from "./rollupFilter";

export type RollupCounts = Record<(typeof DAILY_COUNTERS)[number], number>;

/** Daily-rollup counters summed per period. */
export async function readRollupCounts(tx: SqlExecutor, { filter, granularity, periods }: PeriodQuery): Promise<Map<string, RollupCounts>> {
  const period = periodOf(granularity, periods);
  const where = rollupWhere(filter);
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT ${period.sql} AS "period", ${DAILY_COUNTERS.map((c) => `SUM("${c}") AS "${c}"`).join(", ")} ` +
      `FROM "DailyRollup" WHERE ${where.sql} GROUP BY 1`,
    [...period.params, ...where.params],
  );
  return new Map(
    rows.map((row) => [String(row.period), Object.fromEntries(DAILY_COUNTERS.map((c) => [c, Number(row[c] ?? 0)])) as RollupCounts]),
  );
}
