import type { SqlExecutor } from "@/lib/db/sql";
import { periodOf, rolloutColumns, rollupWhere, rowKey, type PeriodQuery } from "./rollupFilter";

export interface TaskCounts {
  tasks: number;
  escalatedTasks: number;
}

/** Tasks that start in each period and how many of them were ever escalated (TaskDay is kept by triggers), keyed as rowKey says. */
export async function readTaskCounts(tx: SqlExecutor, query: PeriodQuery): Promise<Map<string, TaskCounts>> {
  const { filter, granularity, periods } = query;
  const rollout = rolloutColumns(query);
  const period = periodOf(granularity, periods);
  const where = rollupWhere(filter);
  const rows = await tx.query<{ period: string; tasks: unknown; escalatedTasks: unknown }>(
    `SELECT ${period.sql} AS "period", SUM("tasks") AS "tasks", SUM("escalatedTasks") AS "escalatedTasks"${rollout} ` +
      `FROM "TaskDay" WHERE ${where.sql} GROUP BY 1${rollout}`,
    [...period.params, ...where.params],
  );
  return new Map(rows.map((r) => [rowKey(r), { tasks: Number(r.tasks ?? 0), escalatedTasks: Number(r.escalatedTasks ?? 0) }]));
}
