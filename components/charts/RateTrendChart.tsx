"use client";
// A quality rate by week (precision, correction, heavy correction, escalation) with its 95% interval as a band and
// the gate's thresholds as dashed lines; its data table gives every week's estimate, interval and n.
import { Area, Line, ReferenceLine, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/metrics/report";
import { formatWholePercent } from "@/lib/gates/format";
import { formatBounds, formatCount, formatInterval, formatPercent, formatWeek } from "@/lib/ui/format";
import { formatThreshold, metricInfo, type RateMetric } from "@/lib/ui/labels";
import { dashedLine, dotsIn, LINE, percentAxis, VALUE_AXIS, weekOf, WeeklyChart, type WeekPoint } from "./weeklyChart";

export interface ThresholdLine {
  op: ">=" | "<=";
  threshold: number;
  /** Which gate it comes from, e.g. "pilot → department". */
  gate: string;
}

interface RatePoint extends WeekPoint {
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
      ...weekOf(point),
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
    <WeeklyChart
      title={info.label}
      subtitle={`${info.definition}; weekly, with 95% interval`}
      summary={summary}
      legend={[
        { kind: "line", label: "Weekly", className: "series-1" },
        { kind: "band", label: "95% interval", className: "series-1" },
        thresholds.length > 0 && { kind: "dashed", label: "Gate", className: "threshold" },
      ]}
      table={{
        caption: `${info.label} by week with 95% intervals`,
        columns: [info.label, "95% interval", `n (${sample})`],
        cells: (d) => [formatPercent(d.value), formatBounds(d), formatCount(d.n)],
      }}
      data={data}
      cursor="line"
      tooltip={(point) => [
        { label: info.label, value: formatPercent(point.value), tone: "series-1" },
        { label: "95% interval", value: formatBounds(point) },
        { label: sample === "reviews" ? "Reviews" : "Tasks", value: formatCount(point.n) },
      ]}
    >
      <YAxis {...VALUE_AXIS} tickFormatter={formatWholePercent} width={44} domain={axis.domain} ticks={axis.ticks} />
      <Area dataKey="band" stroke="none" fill="var(--series-1)" fillOpacity={0.14} isAnimationActive={false} connectNulls={false} activeDot={false} />
      <Line {...LINE} dataKey="value" stroke="var(--series-1)" dot={dotsIn("var(--series-1)")} activeDot={{ r: 4 }} />
      {thresholds.map((t) => (
        <ReferenceLine key={`${t.gate}-${t.threshold}`} y={t.threshold} {...dashedLine(formatThreshold(metric, t.op, t.threshold), "var(--threshold)")} />
      ))}
    </WeeklyChart>
  );
}
