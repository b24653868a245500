"use client";
// The portfolio: every rollout with its last four finished weeks and its gate verdict. Sorting and filtering happen
// in the browser over the rows the server rendered; both live in the URL, so a view can be shared.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import type { PortfolioReport, PortfolioRow } from "@/lib/reports/portfolioReport";
import type { Phase, Tier } from "@/lib/contract/vocabulary";
import { PHASES, TIERS } from "@/lib/contract/vocabulary";
import { formatBounds, formatDuration, formatPercent, formatReduction, formatWeek, formatWindow, plural } from "@/lib/ui/format";
import { NO_GATE_LABEL, PHASE_LABELS, TIER_DESCRIPTIONS, TIER_LABELS, VERDICT_LABELS, formatThreshold } from "@/lib/ui/labels";
import { NoGateBadge, PhaseTag, VerdictBadge } from "@/components/ui/Badges";
import { ArrowDownIcon, ArrowUpIcon, CheckIcon, CrossIcon, DashIcon, PauseIcon, SortIcon } from "@/components/ui/icons";
import { Sparkline } from "@/components/charts/Sparkline";
import { SelectFilter } from "@/components/filters/SelectFilter";
import { ExportMenu } from "@/components/ui/ExportMenu";

type VerdictKey = "go" | "hold" | "no_go" | "none";
type RateKey = "precision" | "correctionRate" | "escalationRate";
type SortKey = "rollout" | "tier" | "phase" | RateKey | "cycle" | "verdict";

const SORTS: { key: SortKey; label: string }[] = [
  { key: "rollout", label: "Rollout" },
  { key: "tier", label: "Tier" },
  { key: "phase", label: "Phase" },
  { key: "precision", label: "Precision" },
  { key: "correctionRate", label: "Correction rate" },
  { key: "escalationRate", label: "Escalation rate" },
  { key: "cycle", label: "Cycle time vs baseline" },
  { key: "verdict", label: "Verdict" },
];

const VERDICT_ORDER: Record<VerdictKey, number> = { no_go: 0, hold: 1, go: 2, none: 3 };
const VERDICT_FILTERS: { key: VerdictKey; label: string; Icon: typeof CheckIcon }[] = [
  { key: "go", label: VERDICT_LABELS.go, Icon: CheckIcon },
  { key: "hold", label: VERDICT_LABELS.hold, Icon: PauseIcon },
  { key: "no_go", label: VERDICT_LABELS.no_go, Icon: CrossIcon },
  { key: "none", label: NO_GATE_LABEL, Icon: DashIcon },
];

function verdictOf(row: PortfolioRow): VerdictKey {
  return row.gate.status === "evaluated" ? row.gate.verdict : "none";
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

function ownerName(owner: string): string {
  return owner.split(",")[0]!.trim();
}

export function PortfolioView({ report }: { report: PortfolioReport }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = {
    phase: params.get("phase") ?? "",
    tier: params.get("tier") ?? "",
    department: params.get("department") ?? "",
    verdict: params.get("verdict") ?? "",
  };
  const sort = (SORTS.find((s) => s.key === params.get("sort"))?.key ?? "rollout") as SortKey;
  const direction: 1 | -1 = params.get("dir") === "desc" ? -1 : 1;

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const query = next.toString();
    window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
  };

  const departments = useMemo(() => [...new Set(report.rows.map((r) => r.department))].sort(), [report.rows]);
  const counts = useMemo(() => {
    const result: Record<VerdictKey, number> = { go: 0, hold: 0, no_go: 0, none: 0 };
    for (const row of report.rows) result[verdictOf(row)] += 1;
    return result;
  }, [report.rows]);

  const rows = useMemo(
    () =>
      report.rows
        .filter(
          (r) =>
            (!filters.phase || r.phase === filters.phase) &&
            (!filters.tier || r.tier === filters.tier) &&
            (!filters.department || r.department === filters.department) &&
            (!filters.verdict || verdictOf(r) === filters.verdict),
        )
        .sort((a, b) => compareRows(a, b, sort, direction)),
    [report.rows, filters.phase, filters.tier, filters.department, filters.verdict, sort, direction],
  );
  const filtered = Object.values(filters).some(Boolean);

  const toggleSort = (key: SortKey) => {
    if (key === sort) update({ sort: key, dir: direction === 1 ? "desc" : null });
    else update({ sort: key === "rollout" ? null : key, dir: null });
  };

  const sortButton = (key: SortKey, label: string) => {
    const active = sort === key;
    return (
      <button type="button" className="sort-button" onClick={() => toggleSort(key)} aria-label={`Sort by ${label.toLowerCase()}${active ? (direction === 1 ? ", ascending" : ", descending") : ""}`}>
        {label}
        {active ? direction === 1 ? <ArrowUpIcon size={12} /> : <ArrowDownIcon size={12} /> : <SortIcon size={12} className="sort-idle" />}
      </button>
    );
  };

  const sortHeader = (key: SortKey, label: string, className = "") => (
    <th scope="col" className={className} aria-sort={sort === key ? (direction === 1 ? "ascending" : "descending") : "none"}>
      {sortButton(key, label)}
    </th>
  );

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

      <section aria-label="Verdicts" className="verdict-summary">
        {VERDICT_FILTERS.map(({ key, label, Icon }) => (
          <button
            key={key}
            type="button"
            className={`verdict-tile tile-${key}`}
            aria-pressed={filters.verdict === key}
            onClick={() => update({ verdict: filters.verdict === key ? null : key })}
          >
            <span className="verdict-tile-label">
              <Icon size={14} />
              {label}
            </span>
            <span className="verdict-tile-count">{counts[key]}</span>
            <span className="visually-hidden">{counts[key] === 1 ? "rollout" : "rollouts"}; show only these</span>
          </button>
        ))}
      </section>

      <section className="card table-card" aria-labelledby="rollouts-title">
        <div className="toolbar">
          <h2 id="rollouts-title" className="toolbar-title">
            Rollouts
          </h2>
          <div className="filters" role="group" aria-label="Filters">
            <SelectFilter
              label="Phase"
              value={filters.phase}
              allLabel="All phases"
              options={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))}
              onChange={(v) => update({ phase: v })}
            />
            <SelectFilter
              label="Tier"
              value={filters.tier}
              allLabel="All tiers"
              options={TIERS.map((t) => ({ value: t, label: TIER_LABELS[t] }))}
              onChange={(v) => update({ tier: v })}
            />
            <SelectFilter
              label="Department"
              value={filters.department}
              allLabel="All departments"
              options={departments.map((d) => ({ value: d, label: d }))}
              onChange={(v) => update({ department: v })}
            />
            <SelectFilter
              label="Verdict"
              value={filters.verdict}
              allLabel="All verdicts"
              options={VERDICT_FILTERS.map((v) => ({ value: v.key, label: v.label }))}
              onChange={(v) => update({ verdict: v })}
            />
            {filtered && (
              <button type="button" className="button button-ghost button-sm" onClick={() => update({ phase: null, tier: null, department: null, verdict: null })}>
                Clear filters
              </button>
            )}
          </div>
        </div>
        <p className="table-count muted small" aria-live="polite">
          Showing {rows.length} of {plural(report.rows.length, "rollout", "rollouts")}
        </p>
        <div className="table-scroll">
          <table className="data portfolio">
            <caption className="visually-hidden">
              Rollouts with tier, phase, owners, the last four weeks&apos; precision, correction and escalation rates, cycle time against
              baseline and the gate verdict. Column headers sort.
            </caption>
            <thead>
              <tr>
                {sortHeader("rollout", "Rollout")}
                <th scope="col" aria-sort={sort === "phase" || sort === "tier" ? (direction === 1 ? "ascending" : "descending") : "none"}>
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
                <PortfolioTableRow key={`${row.workflow}/${row.cohort}`} row={row} />
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={8} className="empty-row">
                    No rollout matches these filters.{" "}
                    <button type="button" className="link-button" onClick={() => update({ phase: null, tier: null, department: null, verdict: null })}>
                      Clear filters
                    </button>
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
      <p className="footnote muted small">
        Rates are over the four weeks with their 95% Wilson intervals; sparklines show each week, with the gate threshold dashed where the
        rollout&apos;s gate has one. Verdicts are the scorecards&apos; own, each over its gate&apos;s window.
      </p>
    </>
  );
}

const RATE_SAMPLES: Record<RateKey, "reviews" | "tasks"> = { precision: "reviews", correctionRate: "reviews", escalationRate: "tasks" };
const RATE_NAMES: Record<RateKey, string> = { precision: "Precision", correctionRate: "Correction rate", escalationRate: "Escalation rate" };

function RateCell({ row, metric }: { row: PortfolioRow; metric: RateKey }) {
  const interval = row.window[metric];
  const threshold = row.gate.status === "evaluated" ? row.gate.thresholds[metric] : undefined;
  const weeks = row.weeks.map((w) => `${formatWeek(w.periodStart)} ${formatPercent(w[metric].value)}`).join(", ");
  const sample = RATE_SAMPLES[metric];
  return (
    <td className="num rate-cell">
      <div className="rate-main">
        <Sparkline width={64}
          values={row.weeks.map((w) => w[metric].value)}
          reference={threshold?.threshold ?? null}
          label={`${RATE_NAMES[metric]} by week: ${weeks}${threshold ? `; gate ${formatThreshold(metric, threshold.op, threshold.threshold)}` : ""}`}
        />
        <span className="rate-value">{formatPercent(interval.value)}</span>
      </div>
      <div className="rate-sub muted">
        {interval.value === null ? `no ${sample}` : formatBounds(interval)}
      </div>
    </td>
  );
}

function PortfolioTableRow({ row }: { row: PortfolioRow }) {
  const scorecardHref = `/scorecards/${row.workflow}/${row.cohort}`;
  return (
    <tr>
      <th scope="row" className="rollout-cell">
        <Link href={`/workflows/${row.workflow}?cohort=${row.cohort}`} className="rollout-link">
          {row.workflowName}
        </Link>
        <div className="muted small">
          {row.cohortName} · {row.department}
        </div>
      </th>
      <td className="phase-cell">
        <PhaseTag phase={row.phase as Phase} />
        <span className={`tag tier tier-${row.tier as Tier}`} title={`${TIER_LABELS[row.tier]} tier: ${TIER_DESCRIPTIONS[row.tier]}`}>
          {TIER_LABELS[row.tier]}
        </span>
      </td>
      <td className="owners small">
        <div title={row.businessOwner}>
          <span className="visually-hidden">Business owner: </span>
          {ownerName(row.businessOwner)}
        </div>
        <div className="muted" title={row.technicalOwner}>
          <span className="visually-hidden">Technical owner: </span>
          {ownerName(row.technicalOwner)}
        </div>
      </td>
      <RateCell row={row} metric="precision" />
      <RateCell row={row} metric="correctionRate" />
      <RateCell row={row} metric="escalationRate" />
      <td className="num">
        <div className="rate-value">{formatReduction(row.cycleTimeReduction.value)}</div>
        <div className="rate-sub muted">
          {row.baseline.p50 === null ? "no baseline" : `vs ${formatDuration(row.baseline.p50)} ${row.baseline.source === "configured" ? "configured" : "measured"}`}
        </div>
      </td>
      <td className="verdict-cell">
        {row.gate.status === "evaluated" ? (
          <>
            <Link href={scorecardHref} className="verdict-link" aria-label={`Scorecard of ${row.workflowName}, ${row.cohortName}: ${VERDICT_LABELS[row.gate.verdict]}`}>
              <VerdictBadge verdict={row.gate.verdict} />
            </Link>
            <div className="muted small verdict-note" title={row.gate.reasons.join("; ")}>
              to {PHASE_LABELS[row.gate.to]}: {row.gate.reasons[0]}
            </div>
          </>
        ) : (
          <>
            <Link href={scorecardHref} className="verdict-link" aria-label={`Scorecard of ${row.workflowName}, ${row.cohortName}: no gate applies`}>
              <NoGateBadge reason={row.gate.reason} />
            </Link>
            <div className="muted small verdict-note">No gate leaves the {PHASE_LABELS[row.phase].toLowerCase()} phase</div>
          </>
        )}
      </td>
    </tr>
  );
}
