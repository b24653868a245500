// The WHERE clause and period bucketing every rollup query shares. Periods are computed by lib/time and handed
// to SQL as a CASE over local-day strings, which both dialects evaluate the same way (no date functions needed).
import type { Param } from "@/lib/db/sql";
import { weekStart, type Granularity, type Period } from "@/lib/time";

export interface RollupFilter {
  workflow: string;
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
  const clauses = [`"workflow" = ?`, `"${dayColumn}" >= ?`, `"${dayColumn}" < ?`];
  const params: Param[] = [filter.workflow, filter.from, filter.to];
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

/** An expression giving each row's period label (its `start`): the day itself, the window's first day, or its week's Monday. */
export function periodOf(granularity: Granularity, periods: readonly Period[], dayColumn = "day"): SqlFragment {
  if (granularity === "day") return { sql: `"${dayColumn}"`, params: [] };
  if (periods.length === 1) return { sql: "?", params: [periods[0]!.start] };
  const branches = periods.slice(0, -1).map(() => `WHEN "${dayColumn}" < ? THEN ?`).join(" ");
  const params = periods.slice(0, -1).flatMap((p) => [p.to, p.start]);
  return { sql: `CASE ${branches} ELSE ? END`, params: [...params, periods.at(-1)!.start] };
}

export interface PeriodQuery {
  filter: RollupFilter;
  granularity: Granularity;
  periods: readonly Period[];
}

/**
 * Whether a query can read the weekly tables (DurationWeek, ActorWeek): its periods are whole ISO weeks, i.e.
 * the window runs Monday to Monday and is not split into days.
 */
export function readsWholeWeeks({ filter, granularity }: PeriodQuery): boolean {
  return granularity !== "day" && weekStart(filter.from) === filter.from && weekStart(filter.to) === filter.to;
}
