import type { SqlExecutor } from "@/lib/db/sql";
import { periodOf, rolloutColumns, rollupWhere, rowKey, type PeriodQuery } from "./rollupFilter";

export interface CategoryCount {
  /** The period's key (rowKey). */
  key: string;
  source: "review" | "incident";
  category: string;
  severity: number;
  count: number;
}

/** Review error categories and incidents (by category and severity) per period. */
export async function readCategoryCounts(tx: SqlExecutor, query: PeriodQuery): Promise<CategoryCount[]> {
  const period = periodOf(query.granularity, query.periods);
  const where = rollupWhere(query.filter);
  const rollout = rolloutColumns(query);
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT ${period.sql} AS "period", "source", "category", "severity", SUM("count") AS "count"${rollout} ` +
      `FROM "CategoryRollup" WHERE ${where.sql} GROUP BY 1, 2, 3, 4${rollout}`,
    [...period.params, ...where.params],
  );
  return rows.map((r) => ({
    key: rowKey(r as { period: unknown }),
    source: r.source as CategoryCount["source"],
    category: String(r.category),
    severity: Number(r.severity),
    count: Number(r.count),
  }));
}
