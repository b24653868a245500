import type { SqlExecutor } from "@/lib/db/sql";
import { COMPLETION_MODES } from "@/lib/contract/vocabulary";
import { periodOf, readsWholeWeeks, rolloutCells, rollupWhere, rowKey, type PeriodQuery } from "./rollupFilter";

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
  const rows = query.perRollout ? await readPerRollout(tx, query, table, column) : await readScope(tx, query, table, column);
  const sketches = new Map<string, PeriodSketches>();
  for (const row of rows) {
    // A cell without completions: NULL on Postgres, {} on SQLite.
    if (row.buckets === null || row.buckets === "{}") continue;
    const key = rowKey(row);
    let entry = sketches.get(key);
    if (!entry) sketches.set(key, (entry = { agent: new Map(), manual: new Map() }));
    addBuckets(entry[row.mode === "agent" ? "agent" : "manual"], row.buckets);
  }
  return sketches;
}

type SketchRow = { period: string; mode: string; buckets: string | null; workflow?: string; cohort?: string };

/** One workflow's (one cohort's) sketches per period and mode. */
function readScope(tx: SqlExecutor, query: PeriodQuery, table: string, column: "day" | "week"): Promise<SketchRow[]> {
  const period = periodOf(query.granularity, query.periods, column);
  const where = rollupWhere(query.filter, column);
  return tx.query<SketchRow>(
    `SELECT "period", "mode", ${sketchBuckets(tx)} AS "buckets" FROM (` +
      `SELECT ${period.sql} AS "period", "mode", "bucket", SUM("count") AS "count" FROM "${table}" WHERE ${where.sql} GROUP BY 1, 2, 3` +
      `) AS "sums" GROUP BY "period", "mode"`,
    [...period.params, ...where.params],
  );
}

/** Every given rollout's sketches per period and mode, each (rollout, period, mode) summed apart (rolloutCells). */
async function readPerRollout(tx: SqlExecutor, query: PeriodQuery, table: string, column: "day" | "week"): Promise<SketchRow[]> {
  if (!query.filter.rollouts?.length) return [];
  const { columns, from, match } = rolloutCells(query, table, column);
  const modes = COMPLETION_MODES.map((mode) => `('${mode}')`).join(", ");
  return tx.query<SketchRow>(
    `SELECT ${columns}, "m"."column1" AS "mode", (SELECT ${sketchBuckets(tx)} FROM (` +
      `SELECT "bucket", SUM("count") AS "count" FROM "${table}" WHERE ${match.sql} AND "${table}"."mode" = "m"."column1" GROUP BY "bucket"` +
      `) AS "sums") AS "buckets" FROM ${from.sql}, (VALUES ${modes}) AS "m"`,
    [...match.params, ...from.params],
  );
}
