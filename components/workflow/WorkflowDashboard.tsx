"use client";
// A workflow's dashboard for the window: the key figures, then the charts by week (quality against the gate's
// thresholds; speed and volume; the error taxonomy and adoption). An empty window says how to send first events.
import type { MetricsReport } from "@/lib/reports/metricsReport";
import { formatPercent } from "@/lib/ui/format";
import { RATE_METRICS } from "@/lib/ui/labels";
import { AdoptionChart } from "@/components/charts/AdoptionChart";
import { ErrorBreakdown } from "@/components/charts/Breakdown";
import { CycleTimeChart } from "@/components/charts/CycleTimeChart";
import { RateTrendChart, type ThresholdLine } from "@/components/charts/RateTrendChart";
import { VolumeChart } from "@/components/charts/VolumeChart";
import { FirstEvents } from "@/components/ui/FirstEvents";
import { ReviewEvidence } from "@/components/review/ReviewEvidence";
import { RATE_SAMPLES, WorkflowKpis } from "./WorkflowKpis";

function Section({ id, title, note, children }: { id: string; title: string; note?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        {note && <p className="muted small">{note}</p>}
      </div>
      <div className="grid-2">{children}</div>
    </section>
  );
}

export function WorkflowDashboard({
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
      <WorkflowKpis total={total} thresholdsFor={thresholdsFor} cohortSize={cohortSize} />

      <ReviewEvidence reviews={totals.reviews} sampled={totals.sampledReviews.reviews} agreement={total.agreement} />

      <Section id="quality-title" title="Quality" note={gateNote}>
        {RATE_METRICS.map((metric) => (
          <RateTrendChart key={metric} metric={metric} series={weekly.series} thresholds={thresholdsFor(metric)} sample={RATE_SAMPLES[metric]} windowLabel={windowLabel} />
        ))}
      </Section>

      <Section id="speed-title" title="Speed and volume" note={<>Cycle-time quantiles come from a sketch accurate to within {formatPercent(total.quantiles.relativeError)}.</>}>
        <CycleTimeChart series={weekly.series} baseline={total.baseline} windowLabel={windowLabel} />
        <VolumeChart series={weekly.series} windowLabel={windowLabel} />
      </Section>

      <Section id="errors-title" title="Errors and adoption">
        <div className="card">
          <h3>Error taxonomy</h3>
          <p className="chart-subtitle">Review error categories and incidents over the window, most frequent first</p>
          <div className="mt-16">
            <ErrorBreakdown categories={totals.errorCategories} incidents={totals.incidents} caption={`Errors by category, ${windowLabel}`} />
          </div>
        </div>
        <AdoptionChart series={weekly.series} cohortSize={cohortSize} windowLabel={windowLabel} />
      </Section>
    </div>
  );
}
