import type { SqlExecutor } from "@/lib/db/sql";
import type { Sketch } from "./readDurationSketches";
import { periodKey, rolloutColumns } from "./rollupFilter";

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
  const rollout = rolloutColumns(scope);
  const rows = await tx.query<{ bucket: unknown; count: unknown; workflow?: string; cohort?: string }>(
    `SELECT "bucket", SUM("count") AS "count"${rollout} FROM "ManualBaseline"` +
      (clauses.length ? ` WHERE ${clauses.join(" AND ")}` : "") +
      ` GROUP BY "bucket"${rollout}`,
    params,
  );
  const sketches = new Map<string, Sketch>();
  for (const row of rows) {
    const key = periodKey(row.workflow === undefined ? undefined : { workflow: row.workflow, cohort: row.cohort! }, "");
    let sketch = sketches.get(key);
    if (!sketch) sketches.set(key, (sketch = new Map()));
    sketch.set(Number(row.bucket), Number(row.count));
  }
  return sketches;
}
