"use client";
// Weekly trend charts of a workflow (Recharts). Each sits in a ChartCard with a summary in words and a data table;
// the charts themselves are keyboard-navigable (Recharts' accessibility layer: focus, then the arrow keys).
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import type { SeriesPoint } from "@/lib/metrics/report";
import {
  formatBounds,
  formatCount,
  formatDuration,
  formatDurationTick,
  formatInterval,
  formatPercent,
  formatWeek,
  formatWeekLong,
  NO_VALUE,
} from "@/lib/ui/format";
import { formatWholePercent } from "@/lib/gates/format";
import { formatThreshold, metricInfo, type RateMetric } from "@/lib/ui/labels";
import { ChartCard, LegendItem } from "./ChartCard";

export interface ThresholdLine {
  op: ">=" | "<=";
  threshold: number;
  /** Which gate it comes from, e.g. "pilot → department". */
  gate: string;
}

const HEIGHT = 210;
const AXIS = { fontSize: 11, fill: "var(--muted)" } as const;
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };

/** A percentage axis around the values shown (bands and thresholds included), with ticks at round steps. */
function percentAxis(values: (number | null)[]): { domain: [number, number]; ticks: number[] } {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return { domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] };
  const min = Math.min(...known);
  const max = Math.max(...known);
  const span = max - min;
  const step = span <= 0.06 ? 0.01 : span <= 0.12 ? 0.02 : span <= 0.3 ? 0.05 : span <= 0.6 ? 0.1 : 0.2;
  const lo = Math.max(0, Math.floor((min - step * 0.3) / step) * step);
  const hi = Math.min(1, Math.ceil((max + step * 0.3) / step) * step);
  const ticks: number[] = [];
  for (let v = lo; v <= hi + 1e-9; v += step) ticks.push(Math.round(v * 1e4) / 1e4);
  return { domain: [ticks[0] ?? lo, ticks.at(-1) ?? hi], ticks };
}

interface TooltipRow {
  label: string;
  value: string;
  tone?: string;
}

function TooltipBox({ title, rows }: { title: string; rows: TooltipRow[] }) {
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{title}</div>
      {rows.map((row) => (
        <div key={row.label} className="chart-tooltip-row">
          <span className={`chart-tooltip-key ${row.tone ?? ""}`}>{row.label}</span>
          <span className="chart-tooltip-value">{row.value}</span>
        </div>
      ))}
    </div>
  );
}

function pointOf<T>(props: TooltipContentProps<ValueType, NameType>): T | null {
  if (!props.active || !props.payload?.length) return null;
  return (props.payload[0]?.payload as T | undefined) ?? null;
}

/* ------------------------------------------------------------------------------------------------------------ */

interface RatePoint {
  periodStart: string;
  label: string;
  value: number | null;
  band: [number, number] | null;
  low: number | null;
  high: number | null;
  n: number;
}

export function RateTrendChart({
  metric,
  series,
  thresholds,
  sample,
  windowLabel,
}: {
  windowLabel: string;
  metric: RateMetric;
  series: SeriesPoint[];
  thresholds: ThresholdLine[];
  /** What the rate's n counts: "reviews" or "tasks". */
  sample: "reviews" | "tasks";
}) {
  const info = metricInfo(metric);
  const data: RatePoint[] = series.map((point) => {
    const interval = point[metric];
    return {
      periodStart: point.periodStart,
      label: formatWeek(point.periodStart),
      value: interval.value,
      band: interval.low !== null && interval.high !== null ? [interval.low, interval.high] : null,
      low: interval.low,
      high: interval.high,
      n: point[sample],
    };
  });
  const known = data.filter((d) => d.value !== null);
  const axis = percentAxis([...data.flatMap((d) => [d.low, d.high]), ...thresholds.map((t) => t.threshold)]);
  const first = known[0];
  const last = known.at(-1);
  const gateText = thresholds.length
    ? ` Gate ${thresholds.map((t) => `${formatThreshold(metric, t.op, t.threshold)} (${t.gate})`).join(", ")}.`
    : "";
  const summary =
    first && last
      ? `${info.label} by week, ${windowLabel}: ${formatPercent(first.value)} in the week of ${formatWeek(first.periodStart)}, ` +
        `${formatInterval(last)} in the latest week (${formatWeek(last.periodStart)}, ${formatCount(last.n)} ${sample}).${gateText}`
      : `${info.label}: no ${sample} in this window, so no estimate.${gateText}`;

  return (
    <ChartCard
      title={info.label}
      subtitle={`${info.definition}; weekly, with 95% interval`}
      summary={summary}
      legend={
        <>
          <LegendItem kind="line" label="Weekly" className="series-1" />
          <LegendItem kind="band" label="95% interval" className="series-1" />
          {thresholds.length > 0 && <LegendItem kind="dashed" label="Gate" className="threshold" />}
        </>
      }
      table={{
        caption: `${info.label} by week with 95% intervals`,
        columns: ["Week", info.label, "95% interval", `n (${sample})`],
        rows: data.map((d) => ({
          key: d.periodStart,
          cells: [formatWeekLong(d.periodStart), formatPercent(d.value), formatBounds(d), formatCount(d.n)],
        })),
      }}
      height={HEIGHT}
    >
      <ComposedChart
        responsive
        style={{ width: "100%", height: HEIGHT }}
        data={data}
        margin={MARGIN}
        title={`${info.label} by week`}
        desc={summary}
      >
        <CartesianGrid vertical={false} stroke="var(--grid)" />
        <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: "var(--border)" }} minTickGap={16} />
        <YAxis tickFormatter={formatWholePercent} tick={AXIS} tickLine={false} axisLine={false} width={44} domain={axis.domain} ticks={axis.ticks} />
        <Area dataKey="band" stroke="none" fill="var(--series-1)" fillOpacity={0.14} isAnimationActive={false} connectNulls={false} activeDot={false} />
        <Line dataKey="value" stroke="var(--series-1)" strokeWidth={2} dot={{ r: 2.5, strokeWidth: 0, fill: "var(--series-1)" }} activeDot={{ r: 4 }} isAnimationActive={false} connectNulls={false} />
        {thresholds.map((t) => (
          <ReferenceLine
            key={`${t.gate}-${t.threshold}`}
            y={t.threshold}
            stroke="var(--threshold)"
            strokeDasharray="5 4"
            ifOverflow="extendDomain"
            label={{ value: `${formatThreshold(metric, t.op, t.threshold)}`, position: "insideTopRight", fontSize: 11, fill: "var(--threshold)" }}
          />
        ))}
        <Tooltip
          cursor={{ stroke: "var(--border-strong)" }}
          content={(props) => {
            const point = pointOf<RatePoint>(props);
            if (!point) return null;
            return (
              <TooltipBox
                title={formatWeekLong(point.periodStart)}
                rows={[
                  { label: info.label, value: formatPercent(point.value), tone: "series-1" },
                  { label: "95% interval", value: formatBounds(point) },
                  { label: sample === "reviews" ? "Reviews" : "Tasks", value: formatCount(point.n) },
                ]}
              />
            );
          }}
        />
      </ComposedChart>
    </ChartCard>
  );
}

/* ------------------------------------------------------------------------------------------------------------ */

interface CyclePoint {
  periodStart: string;
  label: string;
  p50: number | null;
  p90: number | null;
  manualP50: number | null;
  n: number;
}

export function CycleTimeChart({
  series,
  baseline,
  windowLabel,
}: {
  windowLabel: string;
  series: SeriesPoint[];
  baseline: { source: "configured" | "measured" | "none"; p50: number | null; n: number | null };
}) {
  const data: CyclePoint[] = series.map((point) => ({
    periodStart: point.periodStart,
    label: formatWeek(point.periodStart),
    p50: point.cycleTime.agent.p50,
    p90: point.cycleTime.agent.p90,
    manualP50: point.cycleTime.manual.p50,
    n: point.cycleTime.agent.n,
  }));
  const last = data.filter((d) => d.p50 !== null).at(-1);
  const baselineText =
    baseline.p50 === null
      ? "No baseline yet (no configured baseline and no manual completions)."
      : `Baseline p50 ${formatDuration(baseline.p50)} (${baseline.source === "configured" ? "configured from the pre-rollout time study" : `measured from ${formatCount(baseline.n)} manual completions`}).`;
  const summary = last
    ? `Agent cycle time by week, ${windowLabel}: in the latest week (${formatWeek(last.periodStart)}) p50 ${formatDuration(last.p50)} and p90 ${formatDuration(last.p90)} over ${formatCount(last.n)} completions. ${baselineText}`
    : `No agent completions in this window. ${baselineText}`;

  return (
    <ChartCard
      title="Cycle time"
      subtitle="Agent completions per week, p50 and p90, against the cohort's own baseline"
      summary={summary}
      legend={
        <>
          <LegendItem kind="line" label="p50" className="series-1" />
          <LegendItem kind="line" label="p90" className="series-2" />
          {baseline.p50 !== null && <LegendItem kind="dashed" label="Baseline p50" className="baseline" />}
        </>
      }
      table={{
        caption: "Agent cycle time by week: median and 90th percentile",
        columns: ["Week", "p50", "p90", "Completions", "Manual p50"],
        rows: data.map((d) => ({
          key: d.periodStart,
          cells: [formatWeekLong(d.periodStart), formatDuration(d.p50), formatDuration(d.p90), formatCount(d.n), formatDuration(d.manualP50)],
        })),
      }}
      height={HEIGHT}
    >
      <ComposedChart responsive style={{ width: "100%", height: HEIGHT }} data={data} margin={MARGIN} title="Cycle time by week" desc={summary}>
        <CartesianGrid vertical={false} stroke="var(--grid)" />
        <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: "var(--border)" }} minTickGap={16} />
        <YAxis tickFormatter={formatDurationTick} tick={AXIS} tickLine={false} axisLine={false} width={52} domain={[0, "auto"]} />
        <Line dataKey="p90" stroke="var(--series-2)" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
        <Line dataKey="p50" stroke="var(--series-1)" strokeWidth={2} dot={{ r: 2.5, strokeWidth: 0, fill: "var(--series-1)" }} isAnimationActive={false} connectNulls={false} />
        {baseline.p50 !== null && (
          <ReferenceLine
            y={baseline.p50}
            stroke="var(--baseline)"
            strokeDasharray="5 4"
            ifOverflow="extendDomain"
            label={{ value: `Baseline ${formatDuration(baseline.p50)}`, position: "insideTopRight", fontSize: 11, fill: "var(--baseline)" }}
          />
        )}
        <Tooltip
          cursor={{ stroke: "var(--border-strong)" }}
          content={(props) => {
            const point = pointOf<CyclePoint>(props);
            if (!point) return null;
            return (
              <TooltipBox
                title={formatWeekLong(point.periodStart)}
                rows={[
                  { label: "p50", value: formatDuration(point.p50), tone: "series-1" },
                  { label: "p90", value: formatDuration(point.p90), tone: "series-2" },
                  { label: "Completions", value: formatCount(point.n) },
                  { label: "Baseline p50", value: formatDuration(baseline.p50) },
                ]}
              />
            );
          }}
        />
      </ComposedChart>
    </ChartCard>
  );
}

/* ------------------------------------------------------------------------------------------------------------ */

interface VolumePoint {
  periodStart: string;
  label: string;
  outputs: number;
  reviews: number;
  coverage: number | null;
}

export function VolumeChart({ series, windowLabel }: { series: SeriesPoint[]; windowLabel: string }) {
  const data: VolumePoint[] = series.map((point) => ({
    periodStart: point.periodStart,
    label: formatWeek(point.periodStart),
    outputs: point.outputs,
    reviews: point.reviews,
    coverage: point.reviewCoverage.value,
  }));
  const last = data.at(-1);
  const summary = last
    ? `Volume by week, ${windowLabel}: in the latest week (${formatWeek(last.periodStart)}) ${formatCount(last.outputs)} outputs and ${formatCount(last.reviews)} reviews, review coverage ${formatPercent(last.coverage)}.`
    : "No outputs in this window.";
  return (
    <ChartCard
      title="Volume"
      subtitle="Outputs and reviews per week; review coverage on the right axis"
      summary={summary}
      legend={
        <>
          <LegendItem kind="bar" label="Outputs" className="series-3" />
          <LegendItem kind="bar" label="Reviews" className="series-1" />
          <LegendItem kind="line" label="Coverage" className="series-2" />
        </>
      }
      table={{
        caption: "Outputs, reviews and review coverage by week",
        columns: ["Week", "Outputs", "Reviews", "Review coverage"],
        rows: data.map((d) => ({
          key: d.periodStart,
          cells: [formatWeekLong(d.periodStart), formatCount(d.outputs), formatCount(d.reviews), formatPercent(d.coverage)],
        })),
      }}
      height={HEIGHT}
    >
      <ComposedChart responsive style={{ width: "100%", height: HEIGHT }} data={data} margin={MARGIN} title="Volume by week" desc={summary}>
        <CartesianGrid vertical={false} stroke="var(--grid)" />
        <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: "var(--border)" }} minTickGap={16} />
        <YAxis yAxisId="count" tickFormatter={(v: number) => formatCount(v)} tick={AXIS} tickLine={false} axisLine={false} width={48} />
        <YAxis yAxisId="share" orientation="right" tickFormatter={formatWholePercent} tick={AXIS} tickLine={false} axisLine={false} width={40} domain={[0, 1]} />
        <Bar yAxisId="count" dataKey="outputs" fill="var(--series-3)" radius={[3, 3, 0, 0]} isAnimationActive={false} maxBarSize={22} />
        <Bar yAxisId="count" dataKey="reviews" fill="var(--series-1)" radius={[3, 3, 0, 0]} isAnimationActive={false} maxBarSize={22} />
        <Line yAxisId="share" dataKey="coverage" stroke="var(--series-2)" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
        <Tooltip
          cursor={{ fill: "var(--hover)" }}
          content={(props) => {
            const point = pointOf<VolumePoint>(props);
            if (!point) return null;
            return (
              <TooltipBox
                title={formatWeekLong(point.periodStart)}
                rows={[
                  { label: "Outputs", value: formatCount(point.outputs), tone: "series-3" },
                  { label: "Reviews", value: formatCount(point.reviews), tone: "series-1" },
                  { label: "Review coverage", value: formatPercent(point.coverage), tone: "series-2" },
                ]}
              />
            );
          }}
        />
      </ComposedChart>
    </ChartCard>
  );
}

/* ------------------------------------------------------------------------------------------------------------ */

interface AdoptionPoint {
  periodStart: string;
  label: string;
  actors: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

export function AdoptionChart({ series, cohortSize, windowLabel }: { series: SeriesPoint[]; cohortSize: number | null; windowLabel: string }) {
  const data: AdoptionPoint[] = series.map((point) => ({
    periodStart: point.periodStart,
    label: formatWeek(point.periodStart),
    actors: point.activeActors,
    rate: point.adoptionRate.value,
    low: point.adoptionRate.low,
    high: point.adoptionRate.high,
  }));
  const last = data.at(-1);
  const sizeText =
    cohortSize !== null
      ? `Cohort size ${formatCount(cohortSize)}.`
      : data.every((d) => d.rate === null)
        ? "No cohort size is configured, so there is no adoption rate."
        : "The adoption rate is over the cohorts' combined size.";
  const summary = last
    ? `Adoption by week, ${windowLabel}: ${formatCount(last.actors)} active users in the latest week (${formatWeek(last.periodStart)}), adoption rate ${formatPercent(last.rate)}. ${sizeText}`
    : `No activity in this window. ${sizeText}`;
  return (
    <ChartCard
      title="Adoption"
      subtitle="Active users per week; adoption rate (share of the cohort) on the right axis"
      summary={summary}
      legend={
        <>
          <LegendItem kind="bar" label="Active users" className="series-3" />
          <LegendItem kind="line" label="Adoption rate" className="series-1" />
        </>
      }
      table={{
        caption: "Active users and adoption rate by week",
        columns: ["Week", "Active users", "Adoption rate", "95% interval"],
        rows: data.map((d) => ({
          key: d.periodStart,
          cells: [formatWeekLong(d.periodStart), formatCount(d.actors), formatPercent(d.rate), d.rate === null ? NO_VALUE : formatBounds({ value: d.rate, low: d.low, high: d.high })],
        })),
      }}
      height={HEIGHT}
    >
      <ComposedChart responsive style={{ width: "100%", height: HEIGHT }} data={data} margin={MARGIN} title="Adoption by week" desc={summary}>
        <CartesianGrid vertical={false} stroke="var(--grid)" />
        <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: "var(--border)" }} minTickGap={16} />
        <YAxis yAxisId="count" tickFormatter={(v: number) => formatCount(v)} tick={AXIS} tickLine={false} axisLine={false} width={48} allowDecimals={false} />
        <YAxis yAxisId="share" orientation="right" tickFormatter={formatWholePercent} tick={AXIS} tickLine={false} axisLine={false} width={40} domain={[0, 1]} />
        <Bar yAxisId="count" dataKey="actors" fill="var(--series-3)" radius={[3, 3, 0, 0]} isAnimationActive={false} maxBarSize={22} />
        <Line yAxisId="share" dataKey="rate" stroke="var(--series-1)" strokeWidth={2} dot={{ r: 2.5, strokeWidth: 0, fill: "var(--series-1)" }} isAnimationActive={false} connectNulls={false} />
        <Tooltip
          cursor={{ fill: "var(--hover)" }}
          content={(props) => {
            const point = pointOf<AdoptionPoint>(props);
            if (!point) return null;
            return (
              <TooltipBox
                title={formatWeekLong(point.periodStart)}
                rows={[
                  { label: "Active users", value: formatCount(point.actors), tone: "series-3" },
                  { label: "Adoption rate", value: formatPercent(point.rate), tone: "series-1" },
                ]}
              />
            );
          }}
        />
      </ComposedChart>
    </ChartCard>
  );
}
