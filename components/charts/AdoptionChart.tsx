"use client";
// Active users by week as bars, the adoption rate (a share of the cohort) as a line on the right axis; its data
// table gives every week's users, rate and interval.
import { Bar, Line, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/metrics/report";
import { formatBounds, formatCount, formatPercent, formatWeek, NO_VALUE } from "@/lib/ui/format";
import { BAR, COUNT_AXIS, dotsIn, LINE, SHARE_AXIS, weekOf, WeeklyChart, type WeekPoint } from "./weeklyChart";

interface AdoptionPoint extends WeekPoint {
  actors: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

export function AdoptionChart({ series, cohortSize, windowLabel }: { series: SeriesPoint[]; cohortSize: number | null; windowLabel: string }) {
  const data: AdoptionPoint[] = series.map((point) => ({
    ...weekOf(point),
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
    <WeeklyChart
      title="Adoption"
      subtitle="Active users per week; adoption rate (share of the cohort) on the right axis"
      summary={summary}
      legend={[
        { kind: "bar", label: "Active users", className: "series-3" },
        { kind: "line", label: "Adoption rate", className: "series-1" },
      ]}
      table={{
        caption: "Active users and adoption rate by week",
        columns: ["Active users", "Adoption rate", "95% interval"],
        cells: (d) => [formatCount(d.actors), formatPercent(d.rate), d.rate === null ? NO_VALUE : formatBounds({ value: d.rate, low: d.low, high: d.high })],
      }}
      data={data}
      cursor="band"
      tooltip={(point) => [
        { label: "Active users", value: formatCount(point.actors), tone: "series-3" },
        { label: "Adoption rate", value: formatPercent(point.rate), tone: "series-1" },
      ]}
    >
      <YAxis {...COUNT_AXIS} allowDecimals={false} />
      <YAxis {...SHARE_AXIS} />
      <Bar {...BAR} yAxisId="count" dataKey="actors" fill="var(--series-3)" />
      <Line {...LINE} yAxisId="share" dataKey="rate" stroke="var(--series-1)" dot={dotsIn("var(--series-1)")} />
    </WeeklyChart>
  );
}
