"use client";
// A workflow's trends: quality rates with their intervals against the gate thresholds, cycle time against the
// baseline, volume, the error taxonomy and adoption. The server renders the first view; a filter change updates the
// URL (so the view can be shared) and TanStack Query fetches the new figures from /api/v1/metrics.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { Fragment, useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import type { MetricsReport } from "@/lib/reports/metricsReport";
import type { WorkflowContext } from "@/lib/reports/workflowContext";
import {
  filterContextOf,
  filtersQuery,
  metricsApiQuery,
  presetContextOf,
  readFilters,
  type WorkflowFilters,
} from "@/lib/ui/workflowFilters";
import { fetchJson } from "@/lib/ui/fetchJson";
import { matchPreset } from "@/lib/ui/windows";
import { formatBounds, formatCount, formatDay, formatDuration, formatPercent, formatReduction, formatWindow, plural } from "@/lib/ui/format";
import { PHASE_LABELS, RATE_METRICS, formatThreshold, metricInfo, type RateMetric } from "@/lib/ui/labels";
import { AdoptionChart, CycleTimeChart, RateTrendChart, VolumeChart, type ThresholdLine } from "@/components/charts/TrendCharts";
import { ErrorBreakdown } from "@/components/charts/Breakdown";
import { DateRangePicker } from "@/components/filters/DateRangePicker";
import { SelectFilter } from "@/components/filters/SelectFilter";
import { ChartSkeleton, KpiSkeleton, LoadingRegion } from "@/components/ui/Skeleton";
import { ErrorState } from "@/components/ui/ErrorState";
import { FirstEvents } from "@/components/ui/FirstEvents";
import { WorkflowHeader } from "@/components/workflow/WorkflowHeader";
import { FeedbackKpi } from "@/components/workflow/FeedbackKpi";
import { DataTableState } from "@/components/charts/DataTableState";

interface Initial {
  filters: WorkflowFilters;
  weekly: MetricsReport;
  total: MetricsReport;
}

function sameData(a: WorkflowFilters, b: WorkflowFilters) {
  return a.cohort === b.cohort && a.agentVersion === b.agentVersion && a.from === b.from && a.to === b.to;
}

function useMetrics(workflow: string, filters: WorkflowFilters, granularity: "week" | "total", initial: Initial) {
  return useQuery({
    queryKey: ["metrics", workflow, granularity, filters.cohort, filters.agentVersion, filters.from, filters.to],
    queryFn: ({ signal }) => fetchJson<MetricsReport>(`/api/v1/metrics?${metricsApiQuery(workflow, filters, granularity)}`, signal),
    initialData: sameData(filters, initial.filters) ? (granularity === "week" ? initial.weekly : initial.total) : undefined,
  });
}

export function WorkflowView({
  context,
  initial,
  notices: serverNotices,
  origin,
}: {
  context: WorkflowContext;
  initial: Initial;
  notices: string[];
  origin: string;
}) {
  const key = context.workflow.key;
  const pathname = usePathname();
  const params = useSearchParams();
  const filterContext = useMemo(() => filterContextOf(context), [context]);
  const { filters, notices } = useMemo(() => readFilters(params, filterContext), [params, filterContext]);
  const shownNotices = notices.length ? notices : serverNotices;

  const setFilters = (changes: Partial<WorkflowFilters>) => {
    const next = { ...filters, ...changes };
    const query = filtersQuery(next);
    window.history.pushState(null, "", query ? `${pathname}?${query}` : pathname);
  };

  const weekly = useMetrics(key, filters, "week", initial);
  const total = useMetrics(key, filters, "total", initial);

  // With a single rollout, "all cohorts" is that rollout.
  const rollout = filters.cohort
    ? context.rollouts.find((r) => r.cohort === filters.cohort)
    : context.rollouts.length === 1
      ? context.rollouts[0]
      : undefined;
  const gates = filters.cohort ? context.gates.filter((g) => g.cohort === filters.cohort) : context.gates;
  const templateKeys = new Set(gates.map((g) => g.template?.key ?? null));
  const gate = templateKeys.size === 1 ? gates[0] : undefined;
  const gateName = gate?.template ? `${PHASE_LABELS[gate.template.from]} → ${PHASE_LABELS[gate.template.to]}` : null;
  const thresholdsFor = (metric: string): ThresholdLine[] =>
    gate?.template && gateName
      ? gate.criteria.filter((c) => c.metric === metric).map((c) => ({ op: c.op, threshold: c.threshold, gate: gateName }))
      : [];
  const gateNote = gate?.template
    ? `Dashed lines: the ${gateName} gate (${gate.template.key} v${gate.template.version}).`
    : gate
      ? "No gate template leaves this phase, so no thresholds are drawn."
      : "The cohorts are judged by different gates; choose a cohort to see its thresholds.";

  const cohortQuery = filtersQuery({ ...filters, cohort: null });
  const scorecardCohort = filters.cohort ?? (context.rollouts.length === 1 ? context.rollouts[0]!.cohort : null);

  const pending = weekly.isPending || total.isPending;
  const error = weekly.error ?? total.error;
  const fetching = (weekly.isFetching || total.isFetching) && !pending;
  const windowLabel = formatWindow(filters.from, filters.to);

  return (
    <DataTableState>
      <WorkflowHeader
        context={context}
        current="trends"
        trendsQuery={filtersQuery(filters)}
        cohortsQuery={cohortQuery}
        actions={
          scorecardCohort ? (
            <Link href={`/scorecards/${key}/${scorecardCohort}`} className="button button-primary">
              Open scorecard
            </Link>
          ) : undefined
        }
      />

      <section className="card filter-bar" aria-label="Filters">
        <SelectFilter
          label="Cohort"
          name="cohort"
          value={filters.cohort ?? ""}
          allLabel={`All cohorts (${context.rollouts.length})`}
          options={context.rollouts.map((r) => ({ value: r.cohort, label: `${r.cohortName} · ${PHASE_LABELS[r.phase]}` }))}
          onChange={(value) => {
            // "Since rollout start" follows the chosen cohort's start, so it is re-read from the URL.
            setFilters({ cohort: value || null });
          }}
        />
        <SelectFilter
          label="Agent version"
          name="version"
          value={filters.agentVersion ?? ""}
          allLabel="All versions"
          options={context.agentVersions.map((v) => ({ value: v.version, label: `${v.version} (${plural(v.outputs, "output", "outputs")})` }))}
          onChange={(value) => setFilters({ agentVersion: value || null })}
        />
        <DateRangePicker
          value={{ from: filters.from, to: filters.to }}
          context={presetContextOf(filterContext, filters.cohort)}
          onChange={(window) => setFilters({ ...window, range: matchPreset(window, presetContextOf(filterContext, filters.cohort)) })}
        />
        <div className="filter-status" aria-live="polite">
          {fetching ? <span className="muted small">Updating…</span> : null}
        </div>
      </section>

      {shownNotices.map((notice) => (
        <p key={notice} className="notice" role="status">
          {notice}
        </p>
      ))}

      <p className="subtitle scope-line">
        {rollout ? (
          <>
            <strong>{rollout.cohortName}</strong> ({rollout.department}, {PHASE_LABELS[rollout.phase].toLowerCase()} phase
            {rollout.startedAt ? `, started ${formatDay(rollout.startedAt)}` : ""})
          </>
        ) : (
          <strong>All {plural(context.rollouts.length, "cohort", "cohorts")}</strong>
        )}
        {filters.agentVersion ? <> · agent version {filters.agentVersion}</> : null} · {windowLabel} · weeks in {context.timezone}
      </p>

      {error ? (
        <ErrorState
          message={error.message}
          retrying={weekly.isFetching || total.isFetching}
          onRetry={() => {
            void weekly.refetch();
            void total.refetch();
          }}
        />
      ) : pending || !weekly.data || !total.data ? (
        <LoadingRegion label="Loading the workflow's metrics…">
          <div className="kpis">
            {Array.from({ length: 6 }, (_, i) => (
              <KpiSkeleton key={i} />
            ))}
          </div>
          <div className="grid-2">
            {Array.from({ length: 4 }, (_, i) => (
              <ChartSkeleton key={i} />
            ))}
          </div>
        </LoadingRegion>
      ) : (
        <Dashboard
          weekly={weekly.data}
          total={total.data}
          thresholdsFor={thresholdsFor}
          gateNote={gateNote}
          windowLabel={windowLabel}
          cohortSize={rollout?.cohortSize ?? null}
          origin={origin}
          fetching={fetching}
        />
      )}
    </DataTableState>
  );
}

const SAMPLES: Record<RateMetric, "reviews" | "tasks"> = {
  precision: "reviews",
  correctionRate: "reviews",
  heavyCorrectionRate: "reviews",
  escalationRate: "tasks",
};

function Dashboard({
  weekly,
  total,
  thresholdsFor,
  gateNote,
  windowLabel,
  cohortSize,
  origin,
  fetching,
}: {
  weekly: MetricsReport;
  total: MetricsReport;
  thresholdsFor: (metric: string) => ThresholdLine[];
  gateNote: string;
  windowLabel: string;
  cohortSize: number | null;
  origin: string;
  fetching: boolean;
}) {
  const totals = total.series[0]!;
  if (totals.outputs === 0 && totals.reviews === 0 && totals.tasks === 0 && totals.cycleTime.agent.n === 0) {
    return (
      <FirstEvents
        title="No events in this window"
        intro="Nothing was recorded for this selection. Widen the date range or choose another cohort or version; if the agent is new, send its first events:"
        baseUrl={origin}
        workflow={weekly.workflow}
        cohort={weekly.cohort ?? undefined}
        withProgram={false}
      />
    );
  }
  return (
    <div className={fetching ? "updating" : undefined} aria-busy={fetching}>
      <section aria-label="Summary of the window" className="kpis">
        {RATE_METRICS.map((metric) => (
          <Fragment key={metric}>
            <RateKpi metric={metric} interval={totals[metric]} n={totals[SAMPLES[metric]]} sample={SAMPLES[metric]} thresholds={thresholdsFor(metric)} />
            {metric === "precision" && <FeedbackKpi totals={totals} />}
          </Fragment>
        ))}
        <div className="kpi card">
          <span className="kpi-label">Cycle time p50</span>
          <span className="kpi-value">{formatDuration(totals.cycleTime.agent.p50)}</span>
          <span className="kpi-detail">
            {total.baseline.p50 === null
              ? "no baseline yet"
              : `${formatReduction(total.cycleTimeReduction.value)} than ${formatDuration(total.baseline.p50)} (${total.baseline.source})`}
          </span>
          <span className="kpi-detail">
            {total.cycleTimeReduction.value === null ? `p90 ${formatDuration(totals.cycleTime.agent.p90)}` : `reduction ${formatBounds(total.cycleTimeReduction)} · p90 ${formatDuration(totals.cycleTime.agent.p90)}`}
          </span>
        </div>
        <div className="kpi card">
          <span className="kpi-label">Adoption</span>
          <span className="kpi-value">{formatPercent(totals.adoptionRate.value)}</span>
          <span className="kpi-detail">
            {plural(totals.activeActors, "active user", "active users")}
            {cohortSize !== null ? ` of ${formatCount(cohortSize)}` : ""}
          </span>
          <span className="kpi-detail">
            Review coverage {formatPercent(totals.reviewCoverage.value)} · {plural(totals.outputs, "output", "outputs")}
          </span>
        </div>
      </section>

      <section className="section" aria-labelledby="quality-title">
        <div className="section-head">
          <h2 id="quality-title">Quality</h2>
          <p className="muted small">{gateNote}</p>
        </div>
        <div className="grid-2">
          {RATE_METRICS.map((metric) => (
            <RateTrendChart key={metric} metric={metric} series={weekly.series} thresholds={thresholdsFor(metric)} sample={SAMPLES[metric]} windowLabel={windowLabel} />
          ))}
        </div>
      </section>

      <section className="section" aria-labelledby="speed-title">
        <div className="section-head">
          <h2 id="speed-title">Speed and volume</h2>
          <p className="muted small">
            Cycle-time quantiles come from a sketch accurate to within {formatPercent(total.quantiles.relativeError)}.
          </p>
        </div>
        <div className="grid-2">
          <CycleTimeChart series={weekly.series} baseline={total.baseline} windowLabel={windowLabel} />
          <VolumeChart series={weekly.series} windowLabel={windowLabel} />
        </div>
      </section>

      <section className="section" aria-labelledby="errors-title">
        <div className="section-head">
          <h2 id="errors-title">Errors and adoption</h2>
        </div>
        <div className="grid-2">
          <div className="card">
            <h3>Error taxonomy</h3>
            <p className="chart-subtitle">Review error categories and incidents over the window, most frequent first</p>
            <div className="mt-16">
              <ErrorBreakdown categories={totals.errorCategories} incidents={totals.incidents} caption={`Errors by category, ${windowLabel}`} />
            </div>
          </div>
          <AdoptionChart series={weekly.series} cohortSize={cohortSize} windowLabel={windowLabel} />
        </div>
      </section>
    </div>
  );
}

function RateKpi({
  metric,
  interval,
  n,
  sample,
  thresholds,
}: {
  metric: RateMetric;
  interval: { value: number | null; low: number | null; high: number | null };
  n: number;
  sample: string;
  thresholds: ThresholdLine[];
}) {
  const info = metricInfo(metric);
  return (
    <div className="kpi card" title={info.definition}>
      <span className="kpi-label">{info.label}</span>
      <span className="kpi-value">{formatPercent(interval.value)}</span>
      <span className="kpi-detail">
        95% {formatBounds(interval)} · n = {formatCount(n)} {sample}
      </span>
      {thresholds.map((t) => (
        <span key={t.threshold} className="kpi-gate">
          Gate {formatThreshold(metric, t.op, t.threshold)}
        </span>
      ))}
    </div>
  );
}
