import type { SqlExecutor } from "@/lib/db/sql";
import { DAILY_COUNTERS } from "@/lib/db/dailyCounters";
import { periodOf, rolloutColumns, rollupWhere, rowKey, type PeriodQuery } from "./rollupFilter";

export type RollupCounts = Record<(typeof DAILY_COUNTERS)[number], number>;

/** Daily-rollup counters summed per period (keyed as rowKey says). */
export async function readRollupCounts(tx: SqlExecutor, query: PeriodQuery): Promise<Map<string, RollupCounts>> {
  const { filter, granularity, periods } = query;
  const rollout = rolloutColumns(query);
  const period = periodOf(granularity, periods);
  const where = rollupWhere(filter);
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT ${period.sql} AS "period", ${DAILY_COUNTERS.map((c) => `SUM("${c}") AS "${c}"`).join(", ")}${rollout} ` +
      `FROM "DailyRollup" WHERE ${where.sql} GROUP BY 1${rollout}`,
    [...period.params, ...where.params],
  );
  return new Map(
    rows.map((row) => [rowKey(row as { period: unknown }), Object.fromEntries(DAILY_COUNTERS.map((c) => [c, Number(row[c] ?? 0)])) as RollupCounts]),
  );
}
