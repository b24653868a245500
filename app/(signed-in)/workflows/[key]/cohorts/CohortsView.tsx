"use client";
// A workflow's cohorts side by side, each against its own baseline and its own gate: support, legal and sales are
// not judged by one generic benchmark. Filters (date range, agent version) live in the URL; TanStack Query fetches
// the comparison from /api/v1/cohorts when they change.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { CohortComparison, CohortsReport } from "@/lib/reports/cohortsReport";
import type { WorkflowContext } from "@/lib/reports/workflowContext";
import { filtersQuery, type WorkflowFilters } from "@/lib/ui/workflowFilters";
import { fetchJson } from "@/lib/ui/fetchJson";
import { formatBounds, formatCount, formatDuration, formatPercent, formatReduction, formatWindow, plural } from "@/lib/ui/format";
import { PHASE_LABELS, metricInfo } from "@/lib/ui/labels";
import { IntervalPlot, type IntervalRow } from "@/components/charts/IntervalPlot";
import { PhaseTag } from "@/components/ui/Badges";
import { ErrorState } from "@/components/ui/ErrorState";
import { LoadingRegion, Skeleton, TableSkeleton } from "@/components/ui/Skeleton";
import { FirstEvents } from "@/components/ui/FirstEvents";
import { WorkflowFilterBar } from "@/components/workflow/WorkflowFilterBar";
import { WorkflowHeader } from "@/components/workflow/WorkflowHeader";
import { useWorkflowFilters } from "@/components/workflow/useWorkflowFilters";

type CompareMetric = "precision" | "correctionRate" | "heavyCorrectionRate" | "escalationRate" | "cycleTimeReduction";
const COMPARED: { metric: CompareMetric; sample: string }[] = [
  { metric: "precision", sample: "reviews" },
  { metric: "correctionRate", sample: "reviews" },
  { metric: "heavyCorrectionRate", sample: "reviews" },
  { metric: "escalationRate", sample: "tasks" },
  { metric: "cycleTimeReduction", sample: "agent completions" },
];

function cohortsApiQuery(workflow: string, filters: WorkflowFilters): string {
  const params = new URLSearchParams({ workflow, from: filters.from, to: filters.to });
  if (filters.agentVersion) params.set("agentVersion", filters.agentVersion);
  return params.toString();
}

export function CohortsView({
  context,
  initial,
  notices: serverNotices,
}: {
  context: WorkflowContext;
  initial: { filters: WorkflowFilters; report: CohortsReport };
  notices: string[];
}) {
  const key = context.workflow.key;
  const { filters, setFilters, notices, presets } = useWorkflowFilters(context, serverNotices, { withCohort: false });
  const isInitial = filters.from === initial.filters.from && filters.to === initial.filters.to && filters.agentVersion === initial.filters.agentVersion;
  const query = useQuery({
    queryKey: ["cohorts", key, filters.agentVersion, filters.from, filters.to],
    queryFn: ({ signal }) => fetchJson<CohortsReport>(`/api/v1/cohorts?${cohortsApiQuery(key, filters)}`, signal),
    initialData: isInitial ? initial.report : undefined,
  });
  const windowLabel = formatWindow(filters.from, filters.to);

  return (
    <>
      <WorkflowHeader context={context} current="cohorts" trendsQuery={filtersQuery(filters)} cohortsQuery={filtersQuery(filters)} />
      <WorkflowFilterBar
        context={context}
        filters={filters}
        presets={presets}
        notices={notices}
        fetching={query.isFetching && !query.isPending}
        withCohort={false}
        onChange={setFilters}
      />
      <p className="subtitle scope-line">
        Each cohort against <strong>its own baseline</strong> and <strong>its own gate</strong>: support, legal and sales are not judged by
        one generic benchmark. {windowLabel} · {context.timezone}
        {filters.agentVersion ? ` · agent version ${filters.agentVersion}` : ""}
      </p>

      {query.error ? (
        <ErrorState message={query.error.message} retrying={query.isFetching} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <LoadingRegion label="Loading the cohort comparison…">
          <div className="cohort-cards">
            {Array.from({ length: Math.max(2, context.rollouts.length) }, (_, i) => (
              <div key={i} className="card">
                <Skeleton height={18} width="60%" />
                <Skeleton height={90} className="mt-16" />
              </div>
            ))}
          </div>
          <div className="section">
            <TableSkeleton rows={5} />
          </div>
        </LoadingRegion>
      ) : query.data.cohorts.length === 0 ? (
        <FirstEvents
          title="No rollouts of this workflow yet"
          intro="Add a rollout (workflow × cohort) to the program, then send the cohort's first events."
          workflow={key}
        />
      ) : (
        <Comparison report={query.data} context={context} fetching={query.isFetching} windowLabel={windowLabel} />
      )}
    </>
  );
}

function gateThreshold(context: WorkflowContext, cohort: string, metric: string) {
  const gate = context.gates.find((g) => g.cohort === cohort);
  const criterion = gate?.criteria.find((c) => c.metric === metric);
  return criterion ? { op: criterion.op, value: criterion.threshold } : null;
}

function Comparison({
  report,
  context,
  fetching,
  windowLabel,
}: {
  report: CohortsReport;
  context: WorkflowContext;
  fetching: boolean;
  windowLabel: string;
}) {
  return (
    <div className={fetching ? "updating" : undefined} aria-busy={fetching}>
      <section aria-label="Cohorts" className="cohort-cards">
        {report.cohorts.map((c) => (
          <CohortCard key={c.cohort} cohort={c} context={context} />
        ))}
      </section>

      <section className="section" aria-labelledby="compare-title">
        <div className="section-head">
          <h2 id="compare-title">Estimates side by side</h2>
          <p className="muted small">Dot: estimate · bar: 95% interval · dashed: the cohort&apos;s own gate threshold</p>
        </div>
        <div className="grid-2">
          {COMPARED.map(({ metric, sample }) => {
            const info = metricInfo(metric);
            const rows: IntervalRow[] = report.cohorts.map((c) => {
              const interval = metric === "cycleTimeReduction" ? c.cycleTimeReduction : c.totals[metric];
              const n =
                metric === "cycleTimeReduction" ? c.totals.cycleTime.agent.n : metric === "escalationRate" ? c.totals.tasks : c.totals.reviews;
              return {
                key: c.cohort,
                label: c.name,
                sublabel: `${c.department} · ${PHASE_LABELS[c.phase]}`,
                ...interval,
                n,
                sample,
                threshold: gateThreshold(context, c.cohort, metric),
              };
            });
            return (
              <div key={metric} className="card">
                <h3>{info.label}</h3>
                <p className="chart-subtitle">
                  {metric === "cycleTimeReduction" ? "Each cohort against its own baseline (configured or measured)" : info.definition}
                </p>
                <div className="mt-16">
                  <IntervalPlot metric={metric} rows={rows} caption={`${info.label} by cohort, ${windowLabel}`} />
                </div>
              </div>
            );
          })}
        </div>
      </section>
    </div>
  );
}

function CohortCard({ cohort: c, context }: { cohort: CohortComparison; context: WorkflowContext }) {
  const key = context.workflow.key;
  const gate = context.gates.find((g) => g.cohort === c.cohort);
  return (
    <article className="card cohort-card" aria-labelledby={`cohort-${c.cohort}`}>
      <h3 id={`cohort-${c.cohort}`}>{c.name}</h3>
      <div className="meta">
        <PhaseTag phase={c.phase} />
        <span className="tag">{c.department}</span>
        {c.size !== null && <span className="tag">{plural(c.size, "person", "people")}</span>}
      </div>
      <div className="cohort-cycle">
        <span className="kpi-label">Cycle time against its own baseline</span>
        <div className="big">{formatReduction(c.cycleTimeReduction.value)}</div>
        <div className="kpi-detail">
          p50 {formatDuration(c.totals.cycleTime.agent.p50)} vs{" "}
          {c.baseline.p50 === null
            ? "no baseline"
            : `${formatDuration(c.baseline.p50)} ${c.baseline.source === "configured" ? "configured baseline" : `measured baseline (${formatCount(c.baseline.n)} manual)`}`}
        </div>
        {c.cycleTimeReduction.value !== null && <div className="kpi-detail">95% {formatBounds(c.cycleTimeReduction)}</div>}
      </div>
      <dl className="mt-16">
        <dt>Precision</dt>
        <dd>{formatPercent(c.totals.precision.value)}</dd>
        <dt>Correction rate</dt>
        <dd>{formatPercent(c.totals.correctionRate.value)}</dd>
        <dt>Escalation rate</dt>
        <dd>{formatPercent(c.totals.escalationRate.value)}</dd>
        <dt>Adoption</dt>
        <dd>{formatPercent(c.totals.adoptionRate.value)}</dd>
        <dt>Outputs · reviews</dt>
        <dd>
          {formatCount(c.totals.outputs)} · {formatCount(c.totals.reviews)}
        </dd>
        <dt>Gate</dt>
        <dd>{gate?.template ? `${PHASE_LABELS[gate.template.from]} → ${PHASE_LABELS[gate.template.to]}` : "none applies"}</dd>
      </dl>
      <div className="card-links">
        <Link href={`/workflows/${key}?cohort=${c.cohort}`}>Trends</Link>
        <Link href={`/scorecards/${key}/${c.cohort}`}>Scorecard</Link>
      </div>
    </article>
  );
}
