import type { SqlExecutor } from "@/lib/db/sql";
import { periodOf, rollupWhere, type PeriodQuery } from "./rollupFilter";

export interface CategoryCount {
  period: string;
  source: "review" | "incident";
  category: string;
  severity: number;
  count: number;
}

/** Review error categories and incidents (by category and severity) per period. */
export async function readCategoryCounts(tx: SqlExecutor, { filter, granularity, periods }: PeriodQuery): Promise<CategoryCount[]> {
  const period = periodOf(granularity, periods);
  const where = rollupWhere(filter);
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT ${period.sql} AS "period", "source", "category", "severity", SUM("count") AS "count" ` +
      `FROM "CategoryRollup" WHERE ${where.sql} GROUP BY 1, 2, 3, 4`,
    [...period.params, ...where.params],
  );
  return rows.map((r) => ({
    period: String(r.period),
    source: r.source as CategoryCount["source"],
    category: String(r.category),
    severity: Number(r.severity),
    count: Number(r.count),
  }));
}
