import type { SqlExecutor } from "@/lib/db/sql";
import { periodOf, readsWholeWeeks, rolloutColumns, rollupWhere, rowKey, type PeriodQuery } from "./rollupFilter";

export type Sketch = Map<number, number>;
export interface PeriodSketches {
  agent: Sketch;
  manual: Sketch;
}

/** The aggregate that gathers a group's "bucket" and "count" columns into one JSON object (text), bucket → count. */
export function sketchBuckets(tx: SqlExecutor): string {
  return tx.dialect === "postgres" ? `json_object_agg("bucket", "count")::text` : `json_group_object("bucket", "count")`;
}

/** Adds the buckets sketchBuckets gathered to a sketch. */
export function addBuckets(sketch: Sketch, buckets: string): void {
  for (const [bucket, count] of Object.entries(JSON.parse(buckets) as Record<string, number>)) sketch.set(Number(bucket), Number(count));
}

/**
 * Completion-duration sketches (bucket → count) per period and mode, keyed as rowKey says. Each sketch comes back as
 * one row, its buckets as a JSON object: a portfolio's window is thousands of (rollout, mode, bucket) sums, and on
 * Postgres sending and parsing them a row each cost about a fifth of the read.
 */
export async function readDurationSketches(tx: SqlExecutor, query: PeriodQuery): Promise<Map<string, PeriodSketches>> {
  const [table, column] = readsWholeWeeks(query) ? (["DurationWeek", "week"] as const) : (["DurationRollup", "day"] as const);
  const period = periodOf(query.granularity, query.periods, column);
  const where = rollupWhere(query.filter, column);
  const rollout = rolloutColumns(query);
  const rows = await tx.query<{ period: string; mode: string; buckets: string }>(
    `SELECT "period", "mode", ${sketchBuckets(tx)} AS "buckets"${rollout} FROM (` +
      `SELECT ${period.sql} AS "period", "mode", "bucket", SUM("count") AS "count"${rollout} FROM "${table}" WHERE ${where.sql} GROUP BY 1, 2, 3${rollout}` +
      `) AS "sums" GROUP BY "period", "mode"${rollout}`,
    [...period.params, ...where.params],
  );
  const sketches = new Map<string, PeriodSketches>();
  for (const row of rows) {
    const key = rowKey(row);
    let entry = sketches.get(key);
    if (!entry) sketches.set(key, (entry = { agent: new Map(), manual: new Map() }));
    addBuckets(entry[row.mode === "agent" ? "agent" : "manual"], row.buckets);
  }
  return sketches;
}
