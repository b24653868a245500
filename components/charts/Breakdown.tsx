// The error taxonomy as a ranked list of counts with bars. It is a table, so it is its own text alternative; the
// bars only echo the counts beside them.
import { formatCount } from "@/lib/ui/format";
import { errorCategoryLabel } from "@/lib/ui/labels";

export function ErrorBreakdown({
  categories,
  incidents,
  caption,
}: {
  categories: Record<string, number>;
  incidents: { total: number; byCategory: Record<string, number>; bySeverity: Record<string, number> };
  caption: string;
}) {
  const rows = Object.entries(categories).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const largest = rows[0]?.[1] ?? 0;
  return (
    <div>
      {rows.length === 0 ? (
        <p className="muted">No errors were categorised in this window.</p>
      ) : (
        <table className="data breakdown">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" className="num">
                Count
              </th>
              <th scope="col" className="num">
                Incidents
              </th>
              <th scope="col" className="bar-col">
                <span className="visually-hidden">Relative size</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([category, count]) => (
              <tr key={category}>
                <th scope="row">{errorCategoryLabel(category)}</th>
                <td className="num">{formatCount(count)}</td>
                <td className="num">{formatCount(incidents.byCategory[category] ?? 0)}</td>
                <td className="bar-col" aria-hidden="true">
                  <span className="bar-track">
                    <span className="bar-fill" style={{ width: `${largest ? (count / largest) * 100 : 0}%` }} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small severity-line">
        Incidents: <strong>{formatCount(incidents.total)}</strong> — severity 1: {formatCount(incidents.bySeverity["1"] ?? 0)}, severity 2:{" "}
        {formatCount(incidents.bySeverity["2"] ?? 0)}, severity 3: {formatCount(incidents.bySeverity["3"] ?? 0)}
      </p>
    </div>
  );
}
