"use client";
// The newest alerts, tests included, each with every delivery attempt.
import { formatInstant } from "@/lib/ui/format";
import type { AlertsOverview } from "@/lib/alerts/overview";
import { CheckIcon, CrossIcon, DotsIcon } from "@/components/ui/icons";
import type { Jsonified } from "@/components/admin/types";

type AlertJson = Jsonified<AlertsOverview>["alerts"][number];

const STATUS = {
  delivered: { word: "Delivered", Icon: CheckIcon, tone: "go" },
  pending: { word: "Retrying", Icon: DotsIcon, tone: "hold" },
  failed: { word: "Failed", Icon: CrossIcon, tone: "no_go" },
} as const;

export function AlertHistory({ alerts, timezone }: { alerts: AlertJson[]; timezone: string }) {
  return (
    <section className="section" aria-labelledby="history-heading">
      <div className="card table-card">
        <div className="toolbar">
          <div>
            <h2 id="history-heading" className="toolbar-title">Alerts</h2>
            <p className="muted small">The newest 100, tests included. A failed attempt is retried with growing pauses for 24 hours; every attempt to one alert carries the same webhook-id.</p>
          </div>
        </div>
        <div className="table-scroll">
          <table className="data admin-table">
            <caption className="visually-hidden">Alerts and their delivery attempts</caption>
            <thead>
              <tr><th scope="col">Written</th><th scope="col">Trigger</th><th scope="col">About</th><th scope="col">Channel</th><th scope="col">Status</th><th scope="col">Attempts</th></tr>
            </thead>
            <tbody>
              {alerts.length === 0 && (
                <tr><td colSpan={6} className="empty-row">No alerts yet.</td></tr>
              )}
              {alerts.map((alert) => {
                const { word, Icon, tone } = STATUS[alert.status as keyof typeof STATUS] ?? STATUS.pending;
                return (
                  <tr key={alert.id}>
                    <td className="small">{formatInstant(alert.createdAt, timezone)}</td>
                    <td>{alert.trigger}</td>
                    <td className="small">{[alert.workflow, alert.cohort].filter(Boolean).join(" / ") || "—"}</td>
                    <td>{alert.channel}</td>
                    <td>
                      <span className={`badge badge-sm status-${tone}`}><Icon size={12} /><span>{word}</span></span>
                      {alert.status === "pending" && alert.attempts > 0 && <div className="muted small">next {formatInstant(alert.nextAttemptAt, timezone)}</div>}
                    </td>
                    <td className="small">
                      {alert.tries.length === 0 ? (
                        "Not yet attempted"
                      ) : (
                        <details>
                          <summary>
                            {alert.tries.length} · last {alert.lastCode ?? "no answer"}
                            {alert.lastError ? `: ${alert.lastError}` : ""}
                          </summary>
                          <ol className="admin-list">
                            {alert.tries.map((attempt) => (
                              <li key={attempt.attempt}>
                                {formatInstant(attempt.at, timezone)}: {attempt.code ?? "no answer"}
                                {attempt.error ? ` (${attempt.error})` : ""}, {attempt.durationMs} ms
                              </li>
                            ))}
                          </ol>
                        </details>
                      )}
                      <div className="muted small">webhook-id {alert.id}</div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
