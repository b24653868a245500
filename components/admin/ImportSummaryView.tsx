// What an import found (or, in a preview, would store): events by workflow × cohort × type, skips by reason with
// examples, names no rule matched, unreadable records by line, warnings, and the first derived events.
import type { SourceType } from "@/lib/contract/vocabulary";
import type { ImportSummary } from "@/lib/sources/summary";
import { formatCount } from "@/lib/ui/format";

export const SOURCE_TYPE_LABELS: Record<SourceType, string> = {
  "purview-audit": "Purview audit log",
  "copilot-studio-sessions": "Copilot Studio sessions",
  "copilot-studio-transcripts": "Copilot Studio transcripts",
};

const MATCH_LABELS: Record<string, string> = { agentName: "Agent names", appHost: "App hosts", botName: "Bots" };

/** What an event says beyond its type, in a few words. */
function detail(event: ImportSummary["preview"][number]): string {
  switch (event.type) {
    case "output":
      return event.outputKind;
    case "escalation":
      return event.reason ?? "";
    case "completion":
      return `${event.mode}, ${formatCount(Math.round(event.durationMs / 1000))} s`;
    case "incident":
      return `${event.category}, severity ${event.severity}`;
    case "feedback":
      return event.rating ?? `CSAT ${event.score}`;
    default:
      return "";
  }
}

export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const { counts } = summary;
  return (
    <div className="import-summary" aria-label={summary.dryRun ? "Preview of the import" : "Import summary"}>
      <p className="subtitle">
        <strong>{summary.fileName}</strong> · {summary.variants.join(", ") || summary.format} · {formatCount(counts.records)} records ·{" "}
        {formatCount(counts.new)} new, {formatCount(counts.alreadyImported)} already imported
        {summary.dryRun ? " · preview: nothing stored yet" : ""}
      </p>
      {summary.warnings.map((warning) => (
        <p key={warning} className="notice" role="status">
          {warning}
        </p>
      ))}
      {summary.events.length > 0 && (
        <table className="data compact">
          <caption>Events {summary.dryRun ? "it would store" : "stored"}, by workflow, cohort and type</caption>
          <thead>
            <tr>
              <th scope="col">Workflow</th>
              <th scope="col">Cohort</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">New</th>
              <th scope="col" className="num">Already imported</th>
            </tr>
          </thead>
          <tbody>
            {summary.events.map((e) => (
              <tr key={`${e.workflow}/${e.cohort}/${e.type}`}>
                <td>{e.workflow}</td>
                <td>{e.cohort}</td>
                <td>{e.type}</td>
                <td className="num">{formatCount(e.new)}</td>
                <td className="num">{formatCount(e.alreadyImported)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.skipped.length > 0 && (
        <>
          <h3>Skipped: {formatCount(counts.skipped)} records</h3>
          <ul className="plain-list small">
            {summary.skipped.map((s) => (
              <li key={s.reason}>
                <strong>{formatCount(s.count)}</strong> {s.label} <span className="muted">(e.g. {s.examples.map((e) => `line ${e.line}: ${e.record}`).join("; ")})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {Object.entries(summary.unmatched).map(([field, values]) =>
        values?.length ? (
          <p key={field} className="small">
            <strong>{MATCH_LABELS[field] ?? field} no rule matched</strong> (add rules to map them): {values.map((v) => `"${v.value}" (${formatCount(v.count)})`).join(", ")}
          </p>
        ) : null,
      )}
      {counts.errors > 0 && (
        <>
          <h3>Unreadable: {formatCount(counts.errors)} records</h3>
          <ul className="plain-list small">
            {summary.errors.map((e, i) => (
              <li key={i}>
                line {e.line}: {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.dryRun && summary.preview.length > 0 && (
        <div className="table-scroll">
          <table className="data compact">
            <caption>The first {summary.preview.length} derived events, as they would be stored (actors already pseudonymized)</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Id</th>
                <th scope="col">Type</th>
                <th scope="col">Workflow × cohort</th>
                <th scope="col">Task</th>
                <th scope="col">Occurred (UTC)</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {summary.preview.map((e) => (
                <tr key={e.id}>
                  <td className="num">{e.line}</td>
                  <td className="small">
                    <code>{e.id}</code>
                  </td>
                  <td>{e.type}</td>
                  <td className="small">
                    {e.workflow} × {e.cohort}
                  </td>
                  <td className="small">{e.taskId}</td>
                  <td className="nowrap small">{e.occurredAt.replace("T", " ").replace(/\.\d+Z$/, "")}</td>
                  <td className="small">{detail(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
