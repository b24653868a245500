"use client";
// Agent cycle time by week, p50 and p90, against the cohort's own baseline (dashed); its data table gives every
// week's quantiles, completions and the manual median.
import { Line, ReferenceLine, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/metrics/report";
import { formatCount, formatDuration, formatDurationTick, formatWeek } from "@/lib/ui/format";
import { dashedLine, dotsIn, LINE, VALUE_AXIS, weekOf, WeeklyChart, type WeekPoint } from "./weeklyChart";

interface CyclePoint extends WeekPoint {
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
    ...weekOf(point),
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
    <WeeklyChart
      title="Cycle time"
      subtitle="Agent completions per week, p50 and p90, against the cohort's own baseline"
      summary={summary}
      legend={[
        { kind: "line", label: "p50", className: "series-1" },
        { kind: "line", label: "p90", className: "series-2" },
        baseline.p50 !== null && { kind: "dashed", label: "Baseline p50", className: "baseline" },
      ]}
      table={{
        caption: "Agent cycle time by week: median and 90th percentile",
        columns: ["p50", "p90", "Completions", "Manual p50"],
        cells: (d) => [formatDuration(d.p50), formatDuration(d.p90), formatCount(d.n), formatDuration(d.manualP50)],
      }}
      data={data}
      cursor="line"
      tooltip={(point) => [
        { label: "p50", value: formatDuration(point.p50), tone: "series-1" },
        { label: "p90", value: formatDuration(point.p90), tone: "series-2" },
        { label: "Completions", value: formatCount(point.n) },
        { label: "Baseline p50", value: formatDuration(baseline.p50) },
      ]}
    >
      <YAxis {...VALUE_AXIS} tickFormatter={formatDurationTick} width={52} domain={[0, "auto"]} />
      <Line {...LINE} dataKey="p90" stroke="var(--series-2)" dot={false} />
      <Line {...LINE} dataKey="p50" stroke="var(--series-1)" dot={dotsIn("var(--series-1)")} />
      {baseline.p50 !== null && <ReferenceLine y={baseline.p50} {...dashedLine(`Baseline ${formatDuration(baseline.p50)}`, "var(--baseline)")} />}
    </WeeklyChart>
  );
}
