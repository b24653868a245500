"use client";
// Alerts: the channels (the variables each reads, whether they are set, "Send a test"), a form that adds a channel by
// naming its variables, the rules, and the newest alerts with every attempt. No URL or secret is ever shown: the
// server does not know them beyond the environment it reads them from.
import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { requestJson, FetchError } from "@/lib/ui/fetchJson";
import { formatInstant } from "@/lib/ui/format";
import type { AlertChannel, ChannelType } from "@/lib/contract/alerts";
import type { AlertsOverview, ChannelOverview } from "@/lib/alerts/overview";
import { ErrorState } from "@/components/ui/ErrorState";
import { TableSkeleton } from "@/components/ui/Skeleton";
import { CheckIcon, CrossIcon, DotsIcon } from "@/components/ui/icons";
import { FormMessage, messageOf, type Outcome } from "@/components/ui/FormMessage";
import type { Jsonified } from "@/components/admin/types";

type OverviewJson = Jsonified<AlertsOverview>;
type AlertJson = OverviewJson["alerts"][number];

const ALERTS_KEY = ["admin", "alerts"] as const;
const TYPE_LABELS: Record<ChannelType, string> = { teams: "Microsoft Teams", slack: "Slack", email: "Email", webhook: "Signed webhook" };
const CHANNEL_TYPES = Object.keys(TYPE_LABELS) as ChannelType[];
const STATUS = {
  delivered: { word: "Delivered", Icon: CheckIcon, tone: "go" },
  pending: { word: "Retrying", Icon: DotsIcon, tone: "hold" },
  failed: { word: "Failed", Icon: CrossIcon, tone: "no_go" },
} as const;

export function AlertsView({ initial, timezone }: { initial: OverviewJson; timezone: string }) {
  const queryClient = useQueryClient();
  const overview = useQuery({
    queryKey: ALERTS_KEY,
    queryFn: ({ signal }) => requestJson<OverviewJson>("/api/v1/alerts", { signal }),
    initialData: initial,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ALERTS_KEY });
  if (overview.isPending) return <TableSkeleton rows={6} />;
  if (overview.isError) {
    return <ErrorState title="The alerts could not be loaded" message={overview.error.message} onRetry={() => void overview.refetch()} retrying={overview.isFetching} />;
  }
  const { channels, rules, alerts } = overview.data;
  return (
    <>
      <Channels channels={channels} onChanged={refresh} />
      <AddChannel onSaved={refresh} />
      <section className="section" aria-labelledby="rules-heading">
        <div className="card table-card">
          <div className="toolbar">
            <div>
              <h2 id="rules-heading" className="toolbar-title">Rules</h2>
              <p className="muted small">Which triggers go to which channel. Set them in program.json under alerts.rules (npx tollgate apply or PUT /api/v1/program).</p>
            </div>
          </div>
          <div className="table-scroll">
            <table className="data admin-table">
              <caption className="visually-hidden">Alert rules</caption>
              <thead>
                <tr><th scope="col">Triggers</th><th scope="col">Workflows</th><th scope="col">Condition</th><th scope="col">Channel</th></tr>
              </thead>
              <tbody>
                {rules.length === 0 && (
                  <tr><td colSpan={4} className="empty-row">No rules: no alert is written until a rule routes a trigger to a channel.</td></tr>
                )}
                {rules.map((rule, i) => (
                  <tr key={i}>
                    <td>{rule.on.join(", ")}</td>
                    <td>{rule.workflows?.join(", ") ?? "All workflows"}</td>
                    <td className="small">{conditionOf(rule)}</td>
                    <td>{rule.channel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>
      <History alerts={alerts} timezone={timezone} />
    </>
  );
}

function conditionOf(rule: OverviewJson["rules"][number]): string {
  const parts = [];
  if (rule.on.includes("incident.created")) parts.push(`incidents of severity ${rule.maxSeverity ?? 1}${(rule.maxSeverity ?? 1) > 1 ? " or more serious" : ""}`);
  if (rule.on.includes("workflow.quiet")) parts.push(`quiet for ${rule.quietHours ?? 24} hours`);
  return parts.join("; ") || "—";
}

function sendsTo(channel: ChannelOverview | Jsonified<ChannelOverview>): string {
  if (channel.type === "email") return channel.to.join(", ");
  if (channel.type === "webhook") return `the URL in ${channel.urlEnv}, signed with ${channel.secretEnv}`;
  return `the URL in ${channel.urlEnv}`;
}

function Channels({ channels, onChanged }: { channels: OverviewJson["channels"]; onChanged: () => void }) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const test = useMutation({
    mutationFn: (key: string) => requestJson<{ delivered: boolean; code: number | null; error?: string }>(`/api/v1/alerts/channels/${encodeURIComponent(key)}/test`, { method: "POST" }),
    onSuccess: (result, key) => {
      setOutcome(
        result.delivered
          ? { kind: "ok", text: `The test reached ${key} (answer ${result.code}).` }
          : { kind: "error", text: `The test did not reach ${key}: ${result.error}.` },
      );
      onChanged();
    },
    onError: (error) => setOutcome({ kind: "error", text: messageOf(error) }),
  });
  return (
    <section className="section" aria-labelledby="channels-heading">
      <div className="card table-card">
        <div className="toolbar">
          <div>
            <h2 id="channels-heading" className="toolbar-title">Channels</h2>
            <p className="muted small">A channel names the environment variables that hold its URL and secret; their values are never stored or shown.</p>
          </div>
          <FormMessage outcome={outcome} />
        </div>
        <div className="table-scroll">
          <table className="data admin-table">
            <caption className="visually-hidden">Alert channels</caption>
            <thead>
              <tr><th scope="col">Channel</th><th scope="col">Type</th><th scope="col">Sends to</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              {channels.length === 0 && (
                <tr><td colSpan={5} className="empty-row">No channels yet: add one below or in program.json under alerts.channels.</td></tr>
              )}
              {channels.map((channel) => (
                <tr key={channel.key}>
                  <th scope="row" className="strong">{channel.key}</th>
                  <td>{TYPE_LABELS[channel.type]}</td>
                  <td className="small">{sendsTo(channel)}</td>
                  <td>
                    {channel.problem ? (
                      <span className="badge badge-sm status-hold" title={channel.problem}><CrossIcon size={12} /><span>Not configured</span></span>
                    ) : (
                      <span className="badge badge-sm status-go"><CheckIcon size={12} /><span>Configured</span></span>
                    )}
                    {channel.problem && <div className="muted small">{channel.problem.replace(/^not configured: /, "")}</div>}
                  </td>
                  <td className="actions-cell">
                    <div className="row-actions">
                      <button type="button" className="button" onClick={() => test.mutate(channel.key)} disabled={test.isPending} aria-label={`Send a test to ${channel.key}`}>
                        {test.isPending && test.variables === channel.key ? "Sending…" : "Send a test"}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

/** The server's field errors for the channel, by field (alerts.channels[0].urlEnv → urlEnv). */
function channelErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof FetchError) for (const e of error.fieldErrors) out[e.path.replace(/^alerts\.channels\[0\]\.?/, "") || "key"] ??= e.message;
  return out;
}

function AddChannel({ onSaved }: { onSaved: () => void }) {
  const id = useId();
  const [fields, setFields] = useState({ key: "", type: "teams" as ChannelType, urlEnv: "", secretEnv: "", to: "" });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value });
  const channel = (): AlertChannel => {
    const { key, type, urlEnv, secretEnv, to } = fields;
    if (type === "email") return { key, type, to: to.split(",").map((s) => s.trim()).filter(Boolean) };
    if (type === "webhook") return { key, type, urlEnv, secretEnv };
    return { key, type, urlEnv };
  };
  const save = useMutation({
    mutationFn: () => requestJson("/api/v1/program", { method: "PUT", body: { alerts: { channels: [channel()] } } }),
    onSuccess: () => {
      setOutcome({ kind: "ok", text: `Saved the channel ${fields.key}. A rule in program.json sends alerts to it.` });
      setFields({ key: "", type: fields.type, urlEnv: "", secretEnv: "", to: "" });
      onSaved();
    },
    onError: (error) => setOutcome({ kind: "error", text: messageOf(error) }),
  });
  const errors = channelErrors(save.error);
  const field = (name: "key" | "urlEnv" | "secretEnv" | "to", label: string, hint: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <span id={`${id}-${name}-hint`} className="hint">{hint}</span>
      <input
        id={`${id}-${name}`}
        type="text"
        value={fields[name]}
        onChange={set(name)}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={`${id}-${name}-hint${errors[name] ? ` ${id}-${name}-error` : ""}`}
      />
      {errors[name] && <p id={`${id}-${name}-error`} className="field-error">{errors[name]}</p>}
    </div>
  );
  return (
    <section className="card section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add a channel</h2>
      <p className="muted small">
        Put the URL (and a webhook&apos;s whsec_ secret) in the server&apos;s environment, then name the variables here. Tollgate reads them when it sends,
        so the secret stays with your other secrets and never reaches its database, its audit trail or this page.
      </p>
      <form className="admin-form" noValidate onSubmit={(event) => { event.preventDefault(); setOutcome(null); save.mutate(); }}>
        <div className="admin-form-row">
          {field("key", "Key", "A slug, e.g. ops-teams")}
          <div className="field">
            <label htmlFor={`${id}-type`}>Type</label>
            <span id={`${id}-type-hint`} className="hint">Where the alerts go</span>
            <select id={`${id}-type`} className="select" value={fields.type} onChange={set("type")} aria-describedby={`${id}-type-hint`}>
              {CHANNEL_TYPES.map((type) => <option key={type} value={type}>{TYPE_LABELS[type]}</option>)}
            </select>
          </div>
        </div>
        <div className="admin-form-row">
          {fields.type === "email"
            ? field("to", "Recipients", "Email addresses, comma-separated; the server sends through TOLLGATE_SMTP_URL")
            : field("urlEnv", "URL variable", "The name of the environment variable holding the URL, e.g. TEAMS_OPS_URL")}
          {fields.type === "webhook" && field("secretEnv", "Secret variable", "The name of the variable holding the whsec_ signing secret")}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save channel"}</button>
          <FormMessage outcome={outcome} />
        </div>
      </form>
    </section>
  );
}

function History({ alerts, timezone }: { alerts: AlertJson[]; timezone: string }) {
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
