"use client";
// The newest alerts, tests included, each with every delivery attempt.
import { formatInstant } from "@/lib/ui/format";
import type { AlertsOverview } from "@/lib/alerts/overview";
import { CheckIcon, CrossIcon, DotsIcon } from "@/components/ui/icons";
import type { Jsonified } from "@/components/admin/types";
import { AdminTable, TableCard } from "@/components/admin/AdminTable";

type AlertJson = Jsonified<AlertsOverview>["alerts"][number];

const STATUS = {
  delivered: { word: "Delivered", Icon: CheckIcon, tone: "go" },
  pending: { word: "Retrying", Icon: DotsIcon, tone: "hold" },
  failed: { word: "Failed", Icon: CrossIcon, tone: "no_go" },
} as const;

export function AlertHistory({ alerts, timezone }: { alerts: AlertJson[]; timezone: string }) {
  return (
    <TableCard
      titleId="history-heading"
      title="Alerts"
      description={<p className="muted small">The newest 100, tests included. A failed attempt is retried with growing pauses for 24 hours; every attempt to one alert carries the same webhook-id.</p>}
    >
      <AdminTable caption="Alerts and their delivery attempts" columns={["Written", "Trigger", "About", "Channel", "Status", "Attempts"]} empty={alerts.length === 0 && "No alerts yet."}>
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
      </AdminTable>
    </TableCard>
  );
}
