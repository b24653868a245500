// The window's key figures at the top of a workflow's dashboard: each quality rate with its interval, n and gate
// threshold; cycle time against the baseline; adoption and review coverage.
import { Fragment } from "react";
import type { MetricsReport } from "@/lib/reports/metricsReport";
import { formatBounds, formatCount, formatDuration, formatPercent, formatReduction, plural } from "@/lib/ui/format";
import { formatThreshold, metricInfo, RATE_METRICS, type RateMetric } from "@/lib/ui/labels";
import type { ThresholdLine } from "@/components/charts/RateTrendChart";
import { FeedbackKpi } from "./FeedbackKpi";

/** What each quality rate's n counts. */
export const RATE_SAMPLES: Record<RateMetric, "reviews" | "tasks"> = {
  precision: "reviews",
  correctionRate: "reviews",
  heavyCorrectionRate: "reviews",
  escalationRate: "tasks",
};

function RateKpi({
  metric,
  interval,
  n,
  thresholds,
}: {
  metric: RateMetric;
  interval: { value: number | null; low: number | null; high: number | null };
  n: number;
  thresholds: ThresholdLine[];
}) {
  const info = metricInfo(metric);
  return (
    <div className="kpi card" title={info.definition}>
      <span className="kpi-label">{info.label}</span>
      <span className="kpi-value">{formatPercent(interval.value)}</span>
      <span className="kpi-detail">
        95% {formatBounds(interval)} · n = {formatCount(n)} {RATE_SAMPLES[metric]}
      </span>
      {thresholds.map((t) => (
        <span key={t.threshold} className="kpi-gate">
          Gate {formatThreshold(metric, t.op, t.threshold)}
        </span>
      ))}
    </div>
  );
}

export function WorkflowKpis({
  total,
  thresholdsFor,
  cohortSize,
}: {
  total: MetricsReport;
  thresholdsFor: (metric: string) => ThresholdLine[];
  cohortSize: number | null;
}) {
  const totals = total.series[0]!;
  return (
    <section aria-label="Summary of the window" className="kpis">
      {RATE_METRICS.map((metric) => (
        <Fragment key={metric}>
          <RateKpi metric={metric} interval={totals[metric]} n={totals[RATE_SAMPLES[metric]]} thresholds={thresholdsFor(metric)} />
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
          {total.cycleTimeReduction.value === null
            ? `p90 ${formatDuration(totals.cycleTime.agent.p90)}`
            : `reduction ${formatBounds(total.cycleTimeReduction)} · p90 ${formatDuration(totals.cycleTime.agent.p90)}`}
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
  );
}
