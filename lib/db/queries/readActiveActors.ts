import type { SqlExecutor } from "@/lib/db/sql";
import { periodOf, readsWholeWeeks, rolloutColumns, rollupWhere, rowKey, type PeriodQuery } from "./rollupFilter";

/** Distinct actors with any event in each period (exact: counted over actor-days or actor-weeks, never summed), keyed as rowKey says. */
export async function readActiveActors(tx: SqlExecutor, query: PeriodQuery): Promise<Map<string, number>> {
  const [table, column] = readsWholeWeeks(query) ? ["ActorWeek", "week"] : ["ActorDay", "day"];
  const period = periodOf(query.granularity, query.periods, column);
  const where = rollupWhere(query.filter, column);
  const rollout = rolloutColumns(query);
  const rows = await tx.query<{ period: string; actors: unknown }>(
    `SELECT ${period.sql} AS "period", COUNT(DISTINCT "actor") AS "actors"${rollout} FROM "${table}" WHERE ${where.sql} GROUP BY 1${rollout}`,
    [...period.params, ...where.params],
  );
  return new Map(rows.map((r) => [rowKey(r), Number(r.actors)]));
}
