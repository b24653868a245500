import type { SqlExecutor } from "@/lib/db/sql";
import { periodOf, readsWholeWeeks, rollupWhere, type PeriodQuery } from "./rollupFilter";

/** Distinct actors with any event in each period (exact: counted over actor-days or actor-weeks, never summed). */
export async function readActiveActors(tx: SqlExecutor, query: PeriodQuery): Promise<Map<string, number>> {
  const [table, column] = readsWholeWeeks(query) ? ["ActorWeek", "week"] : ["ActorDay", "day"];
  const period = periodOf(query.granularity, query.periods, column);
  const where = rollupWhere(query.filter, column);
  const rows = await tx.query<{ period: string; actors: unknown }>(
    `SELECT ${period.sql} AS "period", COUNT(DISTINCT "actor") AS "actors" FROM "${table}" WHERE ${where.sql} GROUP BY 1`,
    [...period.params, ...where.params],
  );
  return new Map(rows.map((r) => [String(r.period), Number(r.actors)]));
}
