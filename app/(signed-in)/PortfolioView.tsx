"use client";
// The portfolio: every rollout with its last four finished weeks and its gate verdict. Sorting and filtering happen
// in the browser over the rows the server rendered; both live in the URL, so a view can be shared.
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import type { PortfolioReport } from "@/lib/scorecards/portfolioReport";
import { PHASES, TIERS } from "@/lib/contract/vocabulary";
import { formatWindow, plural } from "@/lib/ui/format";
import { PHASE_LABELS, TIER_LABELS } from "@/lib/ui/labels";
import { PORTFOLIO_FILTERS, portfolioRows, readPortfolioView, VERDICT_KEYS, verdictCounts, type SortKey } from "@/lib/ui/portfolioFilters";
import { SelectFilter } from "@/components/filters/SelectFilter";
import { ExportMenu } from "@/components/ui/ExportMenu";
import { PortfolioTable } from "@/components/portfolio/PortfolioTable";
import { VERDICT_FILTER_LABELS, VerdictTiles } from "@/components/portfolio/VerdictTiles";

const NO_FILTERS = Object.fromEntries(PORTFOLIO_FILTERS.map((key) => [key, null]));

export function PortfolioView({ report }: { report: PortfolioReport }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const view = useMemo(() => readPortfolioView(params), [params]);
  const { filters, sort, direction } = view;

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const query = next.toString();
    window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
  };
  const clearFilters = () => update(NO_FILTERS);
  const toggleSort = (key: SortKey) => {
    if (key === sort) update({ sort: key, dir: direction === 1 ? "desc" : null });
    else update({ sort: key === "rollout" ? null : key, dir: null });
  };

  const departments = useMemo(() => [...new Set(report.rows.map((r) => r.department))].sort(), [report.rows]);
  const counts = useMemo(() => verdictCounts(report.rows), [report.rows]);
  const rows = useMemo(() => portfolioRows(report.rows, view), [report.rows, view]);
  const selects = [
    { key: "phase", label: "Phase", allLabel: "All phases", options: PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] })) },
    { key: "tier", label: "Tier", allLabel: "All tiers", options: TIERS.map((t) => ({ value: t, label: TIER_LABELS[t] })) },
    { key: "department", label: "Department", allLabel: "All departments", options: departments.map((d) => ({ value: d, label: d })) },
    { key: "verdict", label: "Verdict", allLabel: "All verdicts", options: VERDICT_KEYS.map((v) => ({ value: v, label: VERDICT_FILTER_LABELS[v] })) },
  ] as const;

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Portfolio</h1>
          <p className="subtitle">
            {plural(report.rows.length, "rollout", "rollouts")} (workflow × cohort) · last 4 finished weeks,{" "}
            <strong>{formatWindow(report.from, report.to)}</strong> · times in {report.timezone}
          </p>
        </div>
        <div className="page-actions">
          <ExportMenu currentWeekMonday={report.to} />
        </div>
      </header>

      <VerdictTiles counts={counts} selected={filters.verdict} onSelect={(verdict) => update({ verdict })} />

      <section className="card table-card" aria-labelledby="rollouts-title">
        <div className="toolbar">
          <h2 id="rollouts-title" className="toolbar-title">
            Rollouts
          </h2>
          <div className="filters" role="group" aria-label="Filters">
            {selects.map((select) => (
              <SelectFilter
                key={select.key}
                label={select.label}
                value={filters[select.key]}
                allLabel={select.allLabel}
                options={select.options}
                onChange={(value) => update({ [select.key]: value })}
              />
            ))}
            {Object.values(filters).some(Boolean) && (
              <button type="button" className="button button-ghost button-sm" onClick={clearFilters}>
                Clear filters
              </button>
            )}
          </div>
        </div>
        <p className="table-count muted small" aria-live="polite">
          Showing {rows.length} of {plural(report.rows.length, "rollout", "rollouts")}
        </p>
        <PortfolioTable rows={rows} view={view} onSort={toggleSort} onClearFilters={clearFilters} />
      </section>
      <p className="footnote muted small">
        Rates are over the four weeks with their 95% Wilson intervals; sparklines show each week, with the gate threshold dashed where the
        rollout&apos;s gate has one. Verdicts are the scorecards&apos; own, each over its gate&apos;s window.
      </p>
    </>
  );
}
