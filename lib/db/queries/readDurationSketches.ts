import type { SqlExecutor } from "@/lib/db/sql";
import { periodOf, readsWholeWeeks, rolloutColumns, rollupWhere, rowKey, type PeriodQuery } from "./rollupFilter";

export type Sketch = Map<number, number>;
export interface PeriodSketches {
  agent: Sketch;
  manual: Sketch;
}

/** Completion-duration sketches (bucket → count) per period and mode, keyed as rowKey says. */
export async function readDurationSketches(tx: SqlExecutor, query: PeriodQuery): Promise<Map<string, PeriodSketches>> {
  const [table, column] = readsWholeWeeks(query) ? (["DurationWeek", "week"] as const) : (["DurationRollup", "day"] as const);
  const period = periodOf(query.granularity, query.periods, column);
  const where = rollupWhere(query.filter, column);
  const rollout = rolloutColumns(query);
  const rows = await tx.query<{ period: string; mode: string; bucket: unknown; count: unknown }>(
    `SELECT ${period.sql} AS "period", "mode", "bucket", SUM("count") AS "count"${rollout} FROM "${table}" WHERE ${where.sql} GROUP BY 1, 2, 3${rollout}`,
    [...period.params, ...where.params],
  );
  const sketches = new Map<string, PeriodSketches>();
  for (const row of rows) {
    const key = rowKey(row);
    let entry = sketches.get(key);
    if (!entry) sketches.set(key, (entry = { agent: new Map(), manual: new Map() }));
    entry[row.mode === "agent" ? "agent" : "manual"].set(Number(row.bucket), Number(row.count));
  }
  return sketches;
}
