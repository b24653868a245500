import type { SqlExecutor } from "@/lib/db/sql";
import { addBuckets, sketchBuckets, type Sketch } from "./readDurationSketches";
import { periodKey } from "./rollupFilter";

/**
 * All manual completions at any time (the measured baseline) of a workflow (one cohort, or all when omitted), keyed
 * "" — or, with perRollout and no workflow, of every rollout, keyed periodKey(rollout, "").
 */
export async function readManualBaseline(
  tx: SqlExecutor,
  scope: { workflow?: string; cohort?: string; perRollout?: boolean },
): Promise<Map<string, Sketch>> {
  const clauses: string[] = [];
  const params: string[] = [];
  for (const column of ["workflow", "cohort"] as const) {
    const value = scope[column];
    if (value === undefined) continue;
    clauses.push(`"${column}" = ?`);
    params.push(value);
  }
  const where = clauses.length ? ` WHERE ${clauses.join(" AND ")}` : "";
  // One row per sketch, its buckets as JSON (as readDurationSketches reads them). A scope without any completions
  // gives NULL on Postgres and {} on SQLite: neither is a sketch. Per rollout, each bucket is one row (the primary
  // key): there is nothing to sum, and the key's order groups the rollouts without a sort.
  const rows = await tx.query<{ buckets: string | null; workflow?: string; cohort?: string }>(
    scope.perRollout
      ? `SELECT ${sketchBuckets(tx)} AS "buckets", "workflow", "cohort" FROM "ManualBaseline"${where} GROUP BY "workflow", "cohort"`
      : `SELECT ${sketchBuckets(tx)} AS "buckets" FROM (SELECT "bucket", SUM("count") AS "count" FROM "ManualBaseline"${where} GROUP BY "bucket") AS "sums"`,
    params,
  );
  const sketches = new Map<string, Sketch>();
  for (const row of rows) {
    if (row.buckets === null || row.buckets === "{}") continue;
    const key = periodKey(row.workflow === undefined ? undefined : { workflow: row.workflow, cohort: row.cohort! }, "");
    let sketch = sketches.get(key);
    if (!sketch) sketches.set(key, (sketch = new Map()));
    addBuckets(sketch, row.buckets);
  }
  return sketches;
}
