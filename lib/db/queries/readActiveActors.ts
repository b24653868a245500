import type { SqlExecutor } from "@/lib/db/sql";
import { periodOf, rollupWhere, type PeriodQuery } from "./rollupFilter";

/** Distinct actors with any event in each period (exact: counted over actor-days, not summed per day). */
export async function readActiveActors(tx: SqlExecutor, { filter, granularity, periods }: PeriodQuery): Promise<Map<string, number>> {
  const period = periodOf(granularity, periods);
  const where = rollupWhere(filter);
  const rows = await tx.query<{ period: string; actors: unknown }>(
    `SELECT ${period.sql} AS "period", COUNT(DISTINCT "actor") AS "actors" FROM "ActorDay" WHERE ${where.sql} GROUP BY 1`,
    [...period.params, ...where.params],
  );
  return new Map(rows.map((r) => [String(r.period), Number(r.actors)]));
}
