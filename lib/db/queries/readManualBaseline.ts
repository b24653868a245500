import type { SqlExecutor } from "@/lib/db/sql";
import type { Sketch } from "./readDurationSketches";

/** All manual completions of a workflow (one cohort, or all when omitted), at any time: the measured baseline. */
export async function readManualBaseline(tx: SqlExecutor, workflow: string, cohort?: string): Promise<Sketch> {
  const rows = await tx.query<{ bucket: unknown; count: unknown }>(
    `SELECT "bucket", SUM("count") AS "count" FROM "ManualBaseline" WHERE "workflow" = ?` +
      (cohort === undefined ? "" : ` AND "cohort" = ?`) +
      ` GROUP BY "bucket"`,
    cohort === undefined ? [workflow] : [workflow, cohort],
  );
  return new Map(rows.map((r) => [Number(r.bucket), Number(r.count)]));
}
