"use client";
// A workflow's trends: quality rates with their intervals against the gate thresholds, cycle time against the
// baseline, volume, the error taxonomy and adoption. The server renders the first view; a filter change updates the
// URL (so the view can be shared) and TanStack Query fetches the new figures from /api/v1/metrics.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { MetricsReport } from "@/lib/reports/metricsReport";
import type { WorkflowContext } from "@/lib/reports/workflowContext";
import { filtersQuery, metricsApiQuery, type WorkflowFilters } from "@/lib/ui/workflowFilters";
import { fetchJson } from "@/lib/ui/fetchJson";
import { formatDay, formatWindow, plural } from "@/lib/ui/format";
import { PHASE_LABELS } from "@/lib/ui/labels";
import type { ThresholdLine } from "@/components/charts/RateTrendChart";
import { DataTableState } from "@/components/charts/DataTableState";
import { DashboardSkeleton, LoadingRegion } from "@/components/ui/Skeleton";
import { ErrorState } from "@/components/ui/ErrorState";
import { WorkflowDashboard } from "@/components/workflow/WorkflowDashboard";
import { WorkflowFilterBar } from "@/components/workflow/WorkflowFilterBar";
import { WorkflowHeader } from "@/components/workflow/WorkflowHeader";
import { useWorkflowFilters } from "@/components/workflow/useWorkflowFilters";

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

/** The gate the charts draw: the one gate template every shown cohort is judged by, if there is one. */
function shownGate(context: WorkflowContext, cohort: string | null) {
  const gates = cohort ? context.gates.filter((g) => g.cohort === cohort) : context.gates;
  const gate = new Set(gates.map((g) => g.template?.key ?? null)).size === 1 ? gates[0] : undefined;
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
  return { thresholdsFor, gateNote };
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
  const { filters, setFilters, notices, presets } = useWorkflowFilters(context, serverNotices, { withCohort: true });
  const weekly = useMetrics(key, filters, "week", initial);
  const total = useMetrics(key, filters, "total", initial);

  // With a single rollout, "all cohorts" is that rollout.
  const rollout = filters.cohort
    ? context.rollouts.find((r) => r.cohort === filters.cohort)
    : context.rollouts.length === 1
      ? context.rollouts[0]
      : undefined;
  const { thresholdsFor, gateNote } = shownGate(context, filters.cohort);
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
        cohortsQuery={filtersQuery({ ...filters, cohort: null })}
        actions={
          scorecardCohort ? (
            <Link href={`/scorecards/${key}/${scorecardCohort}`} className="button button-primary">
              Open scorecard
            </Link>
          ) : undefined
        }
      />

      <WorkflowFilterBar context={context} filters={filters} presets={presets} notices={notices} fetching={fetching} withCohort onChange={setFilters} />

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
          <DashboardSkeleton />
        </LoadingRegion>
      ) : (
        <WorkflowDashboard
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
