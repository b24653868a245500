"use client";
// Outputs and reviews by week as bars, review coverage as a line on the right axis; its data table gives every
// week's counts and coverage.
import { Bar, Line, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/metrics/report";
import { formatCount, formatPercent, formatWeek } from "@/lib/ui/format";
import { BAR, COUNT_AXIS, LINE, SHARE_AXIS, weekOf, WeeklyChart, type WeekPoint } from "./weeklyChart";

interface VolumePoint extends WeekPoint {
  outputs: number;
  reviews: number;
  coverage: number | null;
}

export function VolumeChart({ series, windowLabel }: { series: SeriesPoint[]; windowLabel: string }) {
  const data: VolumePoint[] = series.map((point) => ({
    ...weekOf(point),
    outputs: point.outputs,
    reviews: point.reviews,
    coverage: point.reviewCoverage.value,
  }));
  const last = data.at(-1);
  const summary = last
    ? `Volume by week, ${windowLabel}: in the latest week (${formatWeek(last.periodStart)}) ${formatCount(last.outputs)} outputs and ${formatCount(last.reviews)} reviews, review coverage ${formatPercent(last.coverage)}.`
    : "No outputs in this window.";
  return (
    <WeeklyChart
      title="Volume"
      subtitle="Outputs and reviews per week; review coverage on the right axis"
      summary={summary}
      legend={[
        { kind: "bar", label: "Outputs", className: "series-3" },
        { kind: "bar", label: "Reviews", className: "series-1" },
        { kind: "line", label: "Coverage", className: "series-2" },
      ]}
      table={{
        caption: "Outputs, reviews and review coverage by week",
        columns: ["Outputs", "Reviews", "Review coverage"],
        cells: (d) => [formatCount(d.outputs), formatCount(d.reviews), formatPercent(d.coverage)],
      }}
      data={data}
      cursor="band"
      tooltip={(point) => [
        { label: "Outputs", value: formatCount(point.outputs), tone: "series-3" },
        { label: "Reviews", value: formatCount(point.reviews), tone: "series-1" },
        { label: "Review coverage", value: formatPercent(point.coverage), tone: "series-2" },
      ]}
    >
      <YAxis {...COUNT_AXIS} />
      <YAxis {...SHARE_AXIS} />
      <Bar {...BAR} yAxisId="count" dataKey="outputs" fill="var(--series-3)" />
      <Bar {...BAR} yAxisId="count" dataKey="reviews" fill="var(--series-1)" />
      <Line {...LINE} yAxisId="share" dataKey="coverage" stroke="var(--series-2)" dot={false} />
    </WeeklyChart>
  );
}
