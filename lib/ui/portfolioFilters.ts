// The portfolio's filters and sort as they live in the URL (?phase=…&tier=…&department=…&verdict=…&sort=…&dir=desc),
// and what they keep of the rows, in which order. Pure: the view filters and sorts in the browser over the rows the
// server rendered.
import type { PortfolioRow } from "@/lib/scorecards/portfolioReport";
import type { Verdict } from "@/lib/gates/verdict";
import { PHASES, TIERS } from "@/lib/contract/vocabulary";

/** A rollout's verdict, or "none" where no gate leaves its phase. */
export type VerdictKey = Verdict | "none";
export const VERDICT_KEYS: VerdictKey[] = ["go", "hold", "no_go", "none"];

export const PORTFOLIO_FILTERS = ["phase", "tier", "department", "verdict"] as const;
type PortfolioFilters = Record<(typeof PORTFOLIO_FILTERS)[number], string>;

export type RateKey = "precision" | "correctionRate" | "escalationRate";
export type SortKey = "rollout" | "tier" | "phase" | RateKey | "cycle" | "verdict";
const SORT_KEYS: SortKey[] = ["rollout", "tier", "phase", "precision", "correctionRate", "escalationRate", "cycle", "verdict"];

/** The worst verdict first, so sorting by verdict puts what needs attention on top. */
const VERDICT_ORDER: Record<VerdictKey, number> = { no_go: 0, hold: 1, go: 2, none: 3 };

export interface PortfolioView {
  filters: PortfolioFilters;
  sort: SortKey;
  /** 1 ascending, −1 descending. */
  direction: 1 | -1;
}

export function readPortfolioView(params: { get(name: string): string | null }): PortfolioView {
  const filters = Object.fromEntries(PORTFOLIO_FILTERS.map((key) => [key, params.get(key) ?? ""])) as PortfolioFilters;
  const sort = SORT_KEYS.find((key) => key === params.get("sort")) ?? "rollout";
  return { filters, sort, direction: params.get("dir") === "desc" ? -1 : 1 };
}

function verdictOf(row: PortfolioRow): VerdictKey {
  return row.gate.status === "evaluated" ? row.gate.verdict : "none";
}

export function verdictCounts(rows: readonly PortfolioRow[]): Record<VerdictKey, number> {
  const counts: Record<VerdictKey, number> = { go: 0, hold: 0, no_go: 0, none: 0 };
  for (const row of rows) counts[verdictOf(row)] += 1;
  return counts;
}

function sortValue(row: PortfolioRow, key: SortKey): string | number | null {
  switch (key) {
    case "rollout":
      return `${row.workflowName} ${row.cohortName}`.toLowerCase();
    case "tier":
      return TIERS.indexOf(row.tier);
    case "phase":
      return PHASES.indexOf(row.phase);
    case "cycle":
      return row.cycleTimeReduction.value;
    case "verdict":
      return VERDICT_ORDER[verdictOf(row)];
    default:
      return row.window[key].value;
  }
}

function compareRows(a: PortfolioRow, b: PortfolioRow, key: SortKey, direction: 1 | -1): number {
  const x = sortValue(a, key);
  const y = sortValue(b, key);
  // Rows without a figure go last, whichever the direction.
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  if (x < y) return -direction;
  if (x > y) return direction;
  return `${a.workflowName} ${a.cohortName}`.localeCompare(`${b.workflowName} ${b.cohortName}`);
}

/** The rows the filters keep, in the view's order. */
export function portfolioRows(rows: readonly PortfolioRow[], { filters, sort, direction }: PortfolioView): PortfolioRow[] {
  return rows
    .filter(
      (r) =>
        (!filters.phase || r.phase === filters.phase) &&
        (!filters.tier || r.tier === filters.tier) &&
        (!filters.department || r.department === filters.department) &&
        (!filters.verdict || verdictOf(r) === filters.verdict),
    )
    .sort((a, b) => compareRows(a, b, sort, direction));
}
