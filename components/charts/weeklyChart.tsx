"use client";
// What the weekly trend charts share, so each chart's file says only what it draws: the card, frame, grid and week
// axis of a chart by week, the styles of its axes, lines, bars and dashed reference lines, the tooltip of a week,
// and the rows of its data table (the chart's text alternative, which ChartCard shows on demand).
import { CartesianGrid, ComposedChart, Tooltip, XAxis, type TooltipContentProps } from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import type { SeriesPoint } from "@/lib/metrics/report";
import { formatWholePercent } from "@/lib/gates/format";
import { formatCount, formatWeek, formatWeekLong } from "@/lib/ui/format";
import { ChartCard, LegendItem, type DataTableSpec } from "./ChartCard";

const CHART_HEIGHT = 210;
const AXIS_TEXT = { fontSize: 11, fill: "var(--muted)" } as const;

/** A point of a chart by week: the week's Monday and its label on the axis. */
export interface WeekPoint {
  periodStart: string;
  label: string;
}

export function weekOf(point: SeriesPoint): WeekPoint {
  return { periodStart: point.periodStart, label: formatWeek(point.periodStart) };
}

export const VALUE_AXIS = { tick: AXIS_TEXT, tickLine: false, axisLine: false };
/** The left axis of a chart that counts (outputs, reviews, users). */
export const COUNT_AXIS = { ...VALUE_AXIS, yAxisId: "count", tickFormatter: (value: number) => formatCount(value), width: 48 };
/** The right axis of a chart that also draws a share (coverage, adoption), from 0% to 100%. */
export const SHARE_AXIS = { ...VALUE_AXIS, yAxisId: "share", orientation: "right" as const, tickFormatter: formatWholePercent, width: 40, domain: [0, 1] };

export const LINE = { strokeWidth: 2, isAnimationActive: false, connectNulls: false };
export const BAR = { radius: [3, 3, 0, 0] as [number, number, number, number], isAnimationActive: false, maxBarSize: 22 };
export function dotsIn(color: string) {
  return { r: 2.5, strokeWidth: 0, fill: color };
}

/** A dashed horizontal line with its label at the right: a gate threshold or a baseline. */
export function dashedLine(label: string, color: string) {
  return {
    stroke: color,
    strokeDasharray: "5 4",
    ifOverflow: "extendDomain" as const,
    label: { value: label, position: "insideTopRight" as const, fontSize: 11, fill: color },
  };
}

/** A percentage axis around the values shown (bands and thresholds included), with ticks at round steps. */
export function percentAxis(values: (number | null)[]): { domain: [number, number]; ticks: number[] } {
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

/** The tooltip of the week under the pointer (or the keyboard's focus): the week, then the given rows. */
function weekTooltip<T extends WeekPoint>(rows: (point: T) => TooltipRow[]) {
  return function WeekTooltip(props: TooltipContentProps<ValueType, NameType>) {
    const point = props.active ? (props.payload?.[0]?.payload as T | undefined) : undefined;
    if (!point) return null;
    return (
      <div className="chart-tooltip">
        <div className="chart-tooltip-title">{formatWeekLong(point.periodStart)}</div>
        {rows(point).map((row) => (
          <div key={row.label} className="chart-tooltip-row">
            <span className={`chart-tooltip-key ${row.tone ?? ""}`}>{row.label}</span>
            <span className="chart-tooltip-value">{row.value}</span>
          </div>
        ))}
      </div>
    );
  };
}

interface LegendEntry {
  kind: "line" | "band" | "dashed" | "bar";
  label: string;
  className: string;
}

/**
 * A chart by week in its card: the grid and the week axis, then the chart's own axes and series (children), then
 * the week's tooltip. The data table has a row per week, named by its week, then the chart's `cells`.
 */
export function WeeklyChart<T extends WeekPoint>({
  title,
  subtitle,
  summary,
  legend,
  table,
  data,
  tooltip,
  cursor,
  children,
}: {
  title: string;
  subtitle: string;
  summary: string;
  legend: (LegendEntry | false)[];
  table: { caption: string; columns: string[]; cells: (point: T) => string[] };
  data: T[];
  tooltip: (point: T) => TooltipRow[];
  /** How the hovered week is marked: a vertical line, or a band behind bars. */
  cursor: "line" | "band";
  children: React.ReactNode;
}) {
  const dataTable: DataTableSpec = {
    caption: table.caption,
    columns: ["Week", ...table.columns],
    rows: data.map((point) => ({ key: point.periodStart, cells: [formatWeekLong(point.periodStart), ...table.cells(point)] })),
  };
  return (
    <ChartCard
      title={title}
      subtitle={subtitle}
      summary={summary}
      legend={
        <>
          {legend.map((entry) => entry && <LegendItem key={entry.label} kind={entry.kind} label={entry.label} className={entry.className} />)}
        </>
      }
      table={dataTable}
      height={CHART_HEIGHT}
    >
      <ComposedChart
        responsive
        style={{ width: "100%", height: CHART_HEIGHT }}
        data={data}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        title={`${title} by week`}
        desc={summary}
      >
        <CartesianGrid vertical={false} stroke="var(--grid)" />
        <XAxis dataKey="label" tick={AXIS_TEXT} tickLine={false} axisLine={{ stroke: "var(--border)" }} minTickGap={16} />
        {children}
        <Tooltip cursor={cursor === "line" ? { stroke: "var(--border-strong)" } : { fill: "var(--hover)" }} content={weekTooltip(tooltip)} />
      </ComposedChart>
    </ChartCard>
  );
}
