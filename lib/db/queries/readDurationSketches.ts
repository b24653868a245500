import type { SqlExecutor } from "@/lib/db/sql";
import { periodOf, readsWholeWeeks, rollupWhere, type PeriodQuery } from "./rollupFilter";

export type Sketch = Map<number, number>;
export interface PeriodSketches {
  agent: Sketch;
  manual: Sketch;
}

/** Completion-duration sketches (bucket → count) per period and mode. */
export async function readDurationSketches(tx: SqlExecutor, query: PeriodQuery): Promise<Map<string, PeriodSketches>> {
  const [table, column] = readsWholeWeeks(query) ? ["DurationWeek", "week"] : ["DurationRollup", "day"];
  const period = periodOf(query.granularity, query.periods, column);
  const where = rollupWhere(query.filter, column);
  const rows = await tx.query<{ period: string; mode: string; bucket: unknown; count: unknown }>(
    `SELECT ${period.sql} AS "period", "mode", "bucket", SUM("count") AS "count" FROM "${table}" WHERE ${where.sql} GROUP BY 1, 2, 3`,
    [...period.params, ...where.params],
  );
  const sketches = new Map<string, PeriodSketches>();
  for (const row of rows) {
    const key = String(row.period);
    let entry = sketches.get(key);
    if (!entry) sketches.set(key, (entry = { agent: new Map(), manual: new Map() }));
    entry[row.mode === "agent" ? "agent" : "manual"].set(Number(row.bucket), Number(row.count));
  }
  return sketches;
}
