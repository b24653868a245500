"use client";
// Retention: the period in days, the watermark (events older than it are refused at ingestion, since they were
// purged after being counted) and the last run; legal holds, placed and lifted per workflow; and a manual run.
import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { formatInstant } from "@/lib/ui/format";
import { ErrorState } from "@/components/ui/ErrorState";
import { TableSkeleton } from "@/components/ui/Skeleton";
import { ConfirmButton } from "@/components/admin/ConfirmButton";
import { FormMessage, fieldErrorsOf, messageOf, type Outcome } from "@/components/admin/FormMessage";
import type { WorkflowOption } from "@/components/admin/types";

export interface RetentionStatusJson {
  days: number;
  watermark: string | null;
  lastRun: { at: string; actor: string; total: number } | null;
  holds: { workflow: string; reason: string; placedBy: string; placedAt: string }[];
}

interface RunJson {
  cutoff: string;
  total: number;
  /** Deleted events per workflow (the API names it `deleted`; `byWorkflow` in the first draft of the contract). */
  deleted?: Record<string, number>;
  byWorkflow?: Record<string, number>;
  held: string[];
}

const RETENTION_KEY = ["admin", "retention"] as const;
const count = (n: number) => n.toLocaleString("en-US");

export function RetentionView({ initialStatus, workflows, timezone }: { initialStatus: RetentionStatusJson; workflows: WorkflowOption[]; timezone: string }) {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: RETENTION_KEY,
    queryFn: ({ signal }) => requestJson<RetentionStatusJson>("/api/v1/retention", { signal }),
    initialData: initialStatus,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: RETENTION_KEY });
  const workflowName = (key: string) => workflows.find((w) => w.key === key)?.name ?? key;

  if (status.isPending) return <TableSkeleton rows={5} />;
  if (status.isError) {
    return <ErrorState title="The retention settings could not be loaded" message={status.error.message} onRetry={() => void status.refetch()} retrying={status.isFetching} />;
  }
  const data = status.data;
  return (
    <>
      <div className="grid-2">
        <PeriodForm days={data.days} onSaved={refresh} />
        <section className="card" aria-labelledby="state-heading">
          <h2 id="state-heading">Purge state</h2>
          <dl className="admin-facts">
            <div>
              <dt>Watermark</dt>
              <dd>
                {data.watermark ? formatInstant(data.watermark, timezone) : "None yet"}
                <div className="muted small">Events that occurred before it have been purged, and ingestion refuses them.</div>
              </dd>
            </div>
            <div>
              <dt>Last run</dt>
              <dd>
                {data.lastRun ? (
                  <>
                    {formatInstant(data.lastRun.at, timezone)}
                    <div className="muted small">
                      by {data.lastRun.actor}; {count(data.lastRun.total)} event{data.lastRun.total === 1 ? "" : "s"} deleted
                    </div>
                  </>
                ) : (
                  "Never"
                )}
              </dd>
            </div>
          </dl>
          <RunNow workflowName={workflowName} days={data.days} timezone={timezone} onRan={refresh} />
        </section>
      </div>
      <Holds holds={data.holds} workflows={workflows} workflowName={workflowName} timezone={timezone} onChanged={refresh} />
    </>
  );
}

function PeriodForm({ days, onSaved }: { days: number; onSaved: () => void }) {
  const id = useId();
  const [value, setValue] = useState(String(days));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const save = useMutation({
    mutationFn: () => requestJson<{ days: number }>("/api/v1/retention", { method: "PUT", body: { days: Number(value) } }),
    onSuccess: (body) => {
      setOutcome({ kind: "ok", text: `Raw events are now kept for ${count(body.days)} days.` });
      onSaved();
    },
    onError: (error) => setOutcome({ kind: "error", text: messageOf(error) }),
  });
  const error = fieldErrorsOf(save.error).days;
  return (
    <section className="card" aria-labelledby="period-heading">
      <h2 id="period-heading">Retention period</h2>
      <form
        className="admin-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setOutcome(null);
          save.mutate();
        }}
      >
        <div className="field admin-field-narrow">
          <label htmlFor={`${id}-days`}>Keep raw events for (days)</label>
          <span id={`${id}-hint`} className="hint">
            From 30 to 36,500 days. The daily run deletes older raw events, except for workflows under a legal hold.
          </span>
          <input
            id={`${id}-days`}
            type="number"
            inputMode="numeric"
            min={30}
            max={36500}
            step={1}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          />
          {error && (
            <p id={`${id}-error`} className="field-error">
              {error}
            </p>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save period"}
          </button>
          <FormMessage outcome={outcome} />
        </div>
      </form>
    </section>
  );
}

function RunNow({ workflowName, days, timezone, onRan }: { workflowName: (key: string) => string; days: number; timezone: string; onRan: () => void }) {
  const [result, setResult] = useState<RunJson | null>(null);
  const run = useMutation({
    mutationFn: () => requestJson<RunJson>("/api/v1/retention/run", { method: "POST" }),
    onSuccess: (body) => {
      setResult(body);
      onRan();
    },
  });
  const perWorkflow = Object.entries(result?.deleted ?? result?.byWorkflow ?? {});
  return (
    <div className="run-now">
      <ConfirmButton
        label="Run retention now"
        question={`Delete raw events older than ${count(days)} days now? This cannot be undone.`}
        confirmLabel="Run retention"
        onConfirm={() => {
          setResult(null);
          run.mutate();
        }}
        pending={run.isPending}
        pendingLabel="Running…"
        className="button"
      />
      <div aria-live="polite" className="form-live">
        {run.isError && (
          <p className="form-status error" role="alert">
            {messageOf(run.error)}
          </p>
        )}
        {result && (
          <div className="form-status ok" role="status">
            Deleted {count(result.total)} raw event{result.total === 1 ? "" : "s"} older than {formatInstant(result.cutoff, timezone)}.
            {perWorkflow.length > 0 && (
              <ul className="admin-list">
                {perWorkflow.map(([workflow, n]) => (
                  <li key={workflow}>
                    {workflowName(workflow)}: {count(n)}
                  </li>
                ))}
              </ul>
            )}
            {result.held.length > 0 && <div>Skipped under a legal hold: {result.held.map(workflowName).join(", ")}.</div>}
          </div>
        )}
      </div>
    </div>
  );
}

function Holds({
  holds,
  workflows,
  workflowName,
  timezone,
  onChanged,
}: {
  holds: RetentionStatusJson["holds"];
  workflows: WorkflowOption[];
  workflowName: (key: string) => string;
  timezone: string;
  onChanged: () => void;
}) {
  const id = useId();
  const [workflow, setWorkflow] = useState("");
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState<Outcome>(null);
  const held = new Set(holds.map((h) => h.workflow));
  const available = workflows.filter((w) => !held.has(w.key));

  const place = useMutation({
    mutationFn: () => requestJson(`/api/v1/legal-holds/${encodeURIComponent(workflow)}`, { method: "PUT", body: { reason } }),
    onSuccess: () => {
      setOutcome({ kind: "ok", text: `Placed a legal hold on ${workflowName(workflow)}: its raw events are kept until it is lifted.` });
      setWorkflow("");
      setReason("");
      onChanged();
    },
    onError: (error) => setOutcome({ kind: "error", text: messageOf(error) }),
  });
  const lift = useMutation({
    mutationFn: (key: string) => requestJson(`/api/v1/legal-holds/${encodeURIComponent(key)}`, { method: "DELETE" }),
    onSuccess: (_body, key) => {
      setOutcome({ kind: "ok", text: `Lifted the legal hold on ${workflowName(key)}.` });
      onChanged();
    },
    onError: (error) => setOutcome({ kind: "error", text: messageOf(error) }),
  });
  const errors = fieldErrorsOf(place.error);

  return (
    <section className="section" aria-labelledby="holds-heading">
      <div className="card table-card">
        <div className="toolbar">
          <div>
            <h2 id="holds-heading" className="toolbar-title">
              Legal holds
            </h2>
            <p className="muted small">A held workflow&apos;s raw events are never purged until the hold is lifted.</p>
          </div>
          <FormMessage outcome={outcome} />
        </div>
        <div className="table-scroll">
          <table className="data admin-table">
            <caption className="visually-hidden">Legal holds</caption>
            <thead>
              <tr>
                <th scope="col">Workflow</th>
                <th scope="col">Reason</th>
                <th scope="col">Placed by</th>
                <th scope="col">Placed</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {holds.length === 0 && (
                <tr>
                  <td colSpan={5} className="empty-row">
                    No legal holds: every workflow&apos;s raw events follow the retention period.
                  </td>
                </tr>
              )}
              {holds.map((hold) => (
                <tr key={hold.workflow}>
                  <th scope="row" className="strong">
                    {workflowName(hold.workflow)}
                  </th>
                  <td className="evidence">{hold.reason}</td>
                  <td className="small">{hold.placedBy}</td>
                  <td className="small">{formatInstant(hold.placedAt, timezone)}</td>
                  <td className="actions-cell">
                    <div className="row-actions">
                    <ConfirmButton
                      label="Lift"
                      question={`Lift the hold on ${workflowName(hold.workflow)}? The next run may purge its old raw events.`}
                      confirmLabel="Lift hold"
                      onConfirm={() => lift.mutate(hold.workflow)}
                      pending={lift.isPending && lift.variables === hold.workflow}
                      pendingLabel="Lifting…"
                    />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form
          className="admin-form hold-form"
          aria-labelledby={`${id}-title`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setOutcome(null);
            if (!workflow) {
              setOutcome({ kind: "error", text: "Choose the workflow to hold." });
              return;
            }
            place.mutate();
          }}
        >
          <h3 id={`${id}-title`}>Place a legal hold</h3>
          <div className="admin-form-row">
            <div className="field">
              <label htmlFor={`${id}-workflow`}>Workflow</label>
              <select id={`${id}-workflow`} className="select" value={workflow} onChange={(e) => setWorkflow(e.target.value)}>
                <option value="">Choose a workflow…</option>
                {available.map((w) => (
                  <option key={w.key} value={w.key}>
                    {w.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field admin-field-wide">
              <label htmlFor={`${id}-reason`}>Reason</label>
              <input
                id={`${id}-reason`}
                type="text"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder="e.g. litigation hold, case 2026-114"
                aria-invalid={errors.reason ? true : undefined}
                aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
              />
              {errors.reason && (
                <p id={`${id}-reason-error`} className="field-error">
                  {errors.reason}
                </p>
              )}
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={place.isPending || available.length === 0}>
              {place.isPending ? "Placing…" : "Place hold"}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
