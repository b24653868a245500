// Drift between agent versions: the newest version against the one before it, with the difference's interval.
import type { DriftFinding } from "@/lib/gates/drift";
import { formatBounds, formatPercent } from "@/lib/ui/format";
import { metricInfo } from "@/lib/ui/labels";
import { AlertIcon, CheckIcon } from "@/components/ui/icons";

export function DriftTable({ drift }: { drift: DriftFinding[] }) {
  if (drift.length === 0) {
    return <p className="muted">The window holds fewer than two agent versions, so there is nothing to compare.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="data drift">
        <caption className="visually-hidden">Drift findings between agent versions</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Older version
            </th>
            <th scope="col" className="num">
              Newer version
            </th>
            <th scope="col" className="num">
              Difference [95%]
            </th>
            <th scope="col">Finding</th>
            <th scope="col">In words</th>
          </tr>
        </thead>
        <tbody>
          {drift.map((d) => (
            <tr key={d.metric}>
              <th scope="row">{metricInfo(d.metric).label}</th>
              <td className="num">
                {formatPercent(d.olderValue)} <span className="muted small">on {d.older}</span>
              </td>
              <td className="num">
                {formatPercent(d.newerValue)} <span className="muted small">on {d.newer}</span>
              </td>
              <td className="num">
                {formatPercent(d.difference.value)} <span className="muted small">{formatBounds(d.difference)}</span>
              </td>
              <td>
                {d.regression ? (
                  <span className="badge status status-no_go">
                    <AlertIcon size={12} />
                    <span>Regressed</span>
                  </span>
                ) : (
                  <span className="badge status status-go">
                    <CheckIcon size={12} />
                    <span>No regression</span>
                  </span>
                )}
              </td>
              <td className="reason">{d.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
