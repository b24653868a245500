// The WHERE clause and period bucketing every rollup query shares. Periods are computed by lib/time and handed
// to SQL as a CASE over local-day strings, which both dialects evaluate the same way (no date functions needed).
import type { Param } from "@/lib/db/sql";
import { weekStart, type Granularity, type Period } from "@/lib/time";

export interface RollupFilter {
  /** Every workflow when omitted (a per-rollout read of the whole portfolio). */
  workflow?: string;
  /**
   * Only these rollouts' rows (a per-rollout read): the rollup tables' primary keys begin with (workflow, cohort),
   * so both databases read each rollout's window through the index instead of the table's whole history.
   */
  rollouts?: readonly RolloutKey[];
  /** All cohorts when omitted. */
  cohort?: string;
  agentVersion?: string;
  /** Local days [from, to). */
  from: string;
  to: string;
}

export interface SqlFragment {
  sql: string;
  params: Param[];
}

export function rollupWhere(filter: RollupFilter, dayColumn = "day"): SqlFragment {
  const clauses = [`"${dayColumn}" >= ?`, `"${dayColumn}" < ?`];
  const params: Param[] = [filter.from, filter.to];
  if (filter.workflow !== undefined) {
    clauses.unshift(`"workflow" = ?`);
    params.unshift(filter.workflow);
  }
  if (filter.rollouts !== undefined) {
    clauses.push(filter.rollouts.length ? `("workflow", "cohort") IN (VALUES ${filter.rollouts.map(() => "(?, ?)").join(", ")})` : "1 = 0");
    params.push(...filter.rollouts.flatMap((r) => [r.workflow, r.cohort]));
  }
  if (filter.cohort !== undefined) {
    clauses.push(`"cohort" = ?`);
    params.push(filter.cohort);
  }
  if (filter.agentVersion !== undefined) {
    clauses.push(`"agentVersion" = ?`);
    params.push(filter.agentVersion);
  }
  return { sql: clauses.join(" AND "), params };
}

/**
 * An expression giving each row's period label (its `start`): the window's first day, its week's Monday, or the row's
 * own day or week when that is its period (a daily table read by day; a weekly table read by week, which is read only
 * in whole weeks, readsWholeWeeks, so its week is the period's Monday). The `column` is the table's "day" or "week".
 */
export function periodOf(granularity: Granularity, periods: readonly Period[], column: "day" | "week" = "day"): SqlFragment {
  // The column itself, not a CASE over every period: on Postgres a large cohort's 12-week ActorWeek read spent most
  // of its time in the CASE's text comparisons.
  if (granularity === column) return { sql: `"${column}"`, params: [] };
  if (periods.length === 1) return { sql: "?", params: [periods[0]!.start] };
  const branches = periods.slice(0, -1).map(() => `WHEN "${column}" < ? THEN ?`).join(" ");
  const params = periods.slice(0, -1).flatMap((p) => [p.to, p.start]);
  return { sql: `CASE ${branches} ELSE ? END`, params: [...params, periods.at(-1)!.start] };
}

export interface PeriodQuery {
  filter: RollupFilter;
  granularity: Granularity;
  periods: readonly Period[];
  /**
   * Group by rollout (workflow, cohort) as well as by period: one statement serves every rollout of a page, so a
   * page's statements do not grow with its rollouts. Rows are then keyed by periodKey(rollout, period).
   */
  perRollout?: boolean;
}

export interface RolloutKey {
  workflow: string;
  cohort: string;
}

/** The extra columns a per-rollout read selects and groups by (appended to both lists), or none. */
export function rolloutColumns(query: Pick<PeriodQuery, "perRollout">): string {
  return query.perRollout ? `, "workflow", "cohort"` : "";
}

/**
 * A per-rollout read as one small aggregate per cell, a (rollout, period) pair: the cells are `from`, a FROM list of
 * two VALUES lists (rollouts "r", periods "p"), and `match` is the condition a correlated subquery on `table` puts on
 * its rows (the cell's rollout and period, and the filter's agent version); `columns` names each cell's workflow,
 * cohort and period as rowKey reads them. Used where one statement-wide GROUP BY made SQLite sort every row of the
 * window by long text keys (the actors' DISTINCT, the sketches' buckets): the cells' own sorts, each on its short key,
 * took about half as long at 1M demo events. The periods tile the window, so every row counts in exactly one cell.
 */
export function rolloutCells(query: PeriodQuery, table: string, column: "day" | "week"): { columns: string; from: SqlFragment; match: SqlFragment } {
  const { filter, periods } = query;
  const rollouts = filter.rollouts ?? [];
  const match = [`"${table}"."workflow" = "r"."column1"`, `"${table}"."cohort" = "r"."column2"`, `"${table}"."${column}" >= "p"."column2"`, `"${table}"."${column}" < "p"."column3"`];
  const params: Param[] = [];
  if (filter.agentVersion !== undefined) {
    match.push(`"${table}"."agentVersion" = ?`);
    params.push(filter.agentVersion);
  }
  return {
    columns: `"r"."column1" AS "workflow", "r"."column2" AS "cohort", "p"."column1" AS "period"`,
    from: {
      sql: `(VALUES ${rollouts.map(() => "(?, ?)").join(", ")}) AS "r", (VALUES ${periods.map(() => "(?, ?, ?)").join(", ")}) AS "p"`,
      params: [...rollouts.flatMap((r) => [r.workflow, r.cohort]), ...periods.flatMap((p) => [p.start, p.from, p.to])],
    },
    match: { sql: match.join(" AND "), params },
  };
}

/** The key of a period's row: the period alone, or the rollout and the period in a per-rollout read. */
export function periodKey(rollout: RolloutKey | undefined, period: string): string {
  return rollout ? `${rollout.workflow}\u0000${rollout.cohort}\u0000${period}` : period;
}

/** The key of a row a read returned (rows of a per-rollout read carry workflow and cohort). */
export function rowKey(row: { period: unknown; workflow?: unknown; cohort?: unknown }): string {
  const rollout = row.workflow === undefined ? undefined : { workflow: String(row.workflow), cohort: String(row.cohort) };
  return periodKey(rollout, String(row.period));
}

/**
 * Whether a query can read the weekly tables (DurationWeek, ActorWeek): its periods are whole ISO weeks, i.e.
 * the window runs Monday to Monday and is not split into days.
 */
export function readsWholeWeeks({ filter, granularity }: PeriodQuery): boolean {
  return granularity !== "day" && weekStart(filter.from) === filter.from && weekStart(filter.to) === filter.to;
}
