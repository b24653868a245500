// The gate's criteria: what was measured, against what, on how much data, and the verdict with its reason in words.
import type { CriterionResult } from "@/lib/gates/evaluate";
import { formatCount, plural } from "@/lib/ui/format";
import { formatMetricBounds, formatMetricValue, formatThreshold, metricInfo } from "@/lib/ui/labels";
import { CriterionBadge } from "@/components/ui/Badges";

const SAMPLES: Record<string, [string, string]> = {
  precision: ["review", "reviews"],
  correctionRate: ["review", "reviews"],
  heavyCorrectionRate: ["review", "reviews"],
  reviewCoverage: ["output", "outputs"],
  escalationRate: ["task", "tasks"],
  adoptionRate: ["person", "people"],
  cycleTimeReduction: ["completion", "completions"],
};

function sampleOf(metric: string): [string, string] {
  return SAMPLES[metric] ?? ["output", "outputs"];
}

export function CriteriaTable({ criteria, caption }: { criteria: CriterionResult[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="data criteria">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              95% interval
            </th>
            <th scope="col" className="num">
              Threshold
            </th>
            <th scope="col" className="num">
              n
            </th>
            <th scope="col">Verdict</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => {
            const [one, many] = sampleOf(c.metric);
            return (
              <tr key={c.metric}>
                <th scope="row">
                  {metricInfo(c.metric).label}
                  <div className="muted small">{metricInfo(c.metric).definition}</div>
                </th>
                <td className="num strong">{formatMetricValue(c.metric, c.value)}</td>
                <td className="num">{formatMetricBounds(c.metric, c)}</td>
                <td className="num">{formatThreshold(c.metric, c.op, c.threshold)}</td>
                <td className="num">
                  {plural(c.n, one, many)}
                  {c.minSample !== null && <div className="muted small">min {formatCount(c.minSample)}</div>}
                </td>
                <td>
                  <CriterionBadge verdict={c.verdict} />
                </td>
                <td className="reason">{c.reason}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
