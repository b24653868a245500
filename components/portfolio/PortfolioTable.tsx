"use client";
// The portfolio's table: column headers that sort (a second press reverses), one row per rollout, and an empty row
// that offers to clear the filters.
import type { PortfolioRow as Row } from "@/lib/scorecards/portfolioReport";
import type { PortfolioView, SortKey } from "@/lib/ui/portfolioFilters";
import { ArrowDownIcon, ArrowUpIcon, SortIcon } from "@/components/ui/icons";
import { PortfolioRow } from "./PortfolioRow";

export function PortfolioTable({
  rows,
  view,
  onSort,
  onClearFilters,
}: {
  rows: Row[];
  view: PortfolioView;
  onSort: (key: SortKey) => void;
  onClearFilters: () => void;
}) {
  const { sort, direction } = view;
  const ariaSort = (active: boolean) => (active ? (direction === 1 ? "ascending" : "descending") : "none");

  const sortButton = (key: SortKey, label: string) => {
    const active = sort === key;
    return (
      <button type="button" className="sort-button" onClick={() => onSort(key)} aria-label={`Sort by ${label.toLowerCase()}${active ? `, ${ariaSort(true)}` : ""}`}>
        {label}
        {active ? direction === 1 ? <ArrowUpIcon size={12} /> : <ArrowDownIcon size={12} /> : <SortIcon size={12} className="sort-idle" />}
      </button>
    );
  };

  const sortHeader = (key: SortKey, label: string, className = "") => (
    <th scope="col" className={className} aria-sort={ariaSort(sort === key)}>
      {sortButton(key, label)}
    </th>
  );

  return (
    <div className="table-scroll">
      <table className="data portfolio">
        <caption className="visually-hidden">
          Rollouts with tier, phase, owners, the last four weeks&apos; precision, correction and escalation rates, cycle time against baseline
          and the gate verdict. Column headers sort.
        </caption>
        <thead>
          <tr>
            {sortHeader("rollout", "Rollout")}
            <th scope="col" aria-sort={ariaSort(sort === "phase" || sort === "tier")}>
              <span className="stacked-sort">
                {sortButton("phase", "Phase")}
                <span aria-hidden="true" className="faint">
                  ·
                </span>
                {sortButton("tier", "Tier")}
              </span>
            </th>
            <th scope="col">Owners</th>
            {sortHeader("precision", "Precision", "num")}
            {sortHeader("correctionRate", "Correction", "num")}
            {sortHeader("escalationRate", "Escalation", "num")}
            {sortHeader("cycle", "Cycle time", "num")}
            {sortHeader("verdict", "Verdict")}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <PortfolioRow key={`${row.workflow}/${row.cohort}`} row={row} />
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={8} className="empty-row">
                No rollout matches these filters.{" "}
                <button type="button" className="link-button" onClick={onClearFilters}>
                  Clear filters
                </button>
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
