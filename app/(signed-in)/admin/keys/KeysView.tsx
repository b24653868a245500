"use client";
// API keys: the list (the prefix only: the secret is never stored), a form that creates a key and shows its secret
// once, and revocation with a confirmation.
import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { SCOPES, type Scope } from "@/lib/contract/vocabulary";
import { formatInstant } from "@/lib/ui/format";
import { ErrorState } from "@/components/ui/ErrorState";
import { TableSkeleton } from "@/components/ui/Skeleton";
import { CheckboxGroup } from "@/components/admin/CheckboxGroup";
import { ConfirmButton } from "@/components/admin/ConfirmButton";
import { FormMessage, fieldErrorsOf, messageOf, type Outcome } from "@/components/admin/FormMessage";
import { OneTimeSecret } from "@/components/admin/OneTimeSecret";
import type { KeyJson, WorkflowOption } from "@/components/admin/types";

const KEYS_KEY = ["admin", "keys"] as const;

const SCOPE_INFO: Record<Scope, { label: string; detail: string }> = {
  ingest: { label: "ingest", detail: "send events (POST /api/v1/events)" },
  read: { label: "read", detail: "metrics, scorecards and exports" },
  admin: { label: "admin", detail: "apply the program, record decisions, read the audit trail" },
};
const SCOPE_OPTIONS = SCOPES.map((scope) => ({ value: scope, label: SCOPE_INFO[scope].label, detail: SCOPE_INFO[scope].detail }));

export function KeysView({ initialKeys, workflows, timezone }: { initialKeys: KeyJson[]; workflows: WorkflowOption[]; timezone: string }) {
  const queryClient = useQueryClient();
  const keys = useQuery({
    queryKey: KEYS_KEY,
    queryFn: ({ signal }) => requestJson<{ keys: KeyJson[] }>("/api/v1/keys", { signal }).then((body) => body.keys),
    initialData: initialKeys,
  });
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEYS_KEY });
  const workflowName = (key: string) => workflows.find((w) => w.key === key)?.name ?? key;

  const revoke = useMutation({
    mutationFn: (name: string) => requestJson<{ revoked: string }>(`/api/v1/keys/${encodeURIComponent(name)}`, { method: "DELETE" }),
    onSuccess: ({ revoked }) => {
      setOutcome({ kind: "ok", text: `Revoked "${revoked}": requests with its secret are refused from now on.` });
      void refresh();
    },
    onError: (error) => setOutcome({ kind: "error", text: messageOf(error) }),
  });

  const sorted = [...keys.data].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || a.name.localeCompare(b.name, "en"));

  return (
    <>
      {secret && (
        <OneTimeSecret
          title={`The secret of the new key "${secret.name}"`}
          value={secret.secret}
          warning="Copy it now and store it where the agent or tool reads it. Tollgate keeps only a hash of it: it cannot be shown again. Lost it? Revoke the key and create another."
          onDismiss={() => setSecret(null)}
        />
      )}

      <section className="section" aria-labelledby="keys-heading">
        <div className="card table-card">
          <div className="toolbar">
            <h2 id="keys-heading" className="toolbar-title">
              API keys
            </h2>
            <FormMessage outcome={outcome} />
          </div>
          {keys.isPending ? (
            <TableSkeleton rows={4} />
          ) : keys.isError ? (
            <ErrorState title="The API keys could not be loaded" message={keys.error.message} onRetry={() => void keys.refetch()} retrying={keys.isFetching} />
          ) : (
            <div className="table-scroll">
              <table className="data admin-table">
                <caption className="visually-hidden">API keys with their scopes, the workflows they ingest for, dates and state</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Prefix</th>
                    <th scope="col">Scopes</th>
                    <th scope="col">Ingests for</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">State</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.length === 0 && (
                    <tr>
                      <td colSpan={8} className="empty-row">
                        No API keys yet. Create one below for the first agent.
                      </td>
                    </tr>
                  )}
                  {sorted.map((key) => (
                    <tr key={key.name} className={key.revokedAt ? "revoked" : undefined}>
                      <th scope="row" className="strong">
                        {key.name}
                      </th>
                      <td>
                        <code title="The first characters of the secret">{key.prefix}…</code>
                      </td>
                      <td>
                        <span className="tag-list">
                          {key.scopes.map((scope) => (
                            <span key={scope} className="tag">
                              {scope}
                            </span>
                          ))}
                        </span>
                      </td>
                      <td className="small">{!key.scopes.includes("ingest") ? <span className="muted">—</span> : key.workflows ? key.workflows.map(workflowName).join(", ") : <span className="muted">All workflows</span>}</td>
                      <td className="small">{formatInstant(key.createdAt, timezone)}</td>
                      <td className="small">{key.lastUsedAt ? formatInstant(key.lastUsedAt, timezone) : <span className="muted">Never</span>}</td>
                      <td>
                        {key.revokedAt ? (
                          <span className="badge status status-no_go" title={`Revoked ${formatInstant(key.revokedAt, timezone)}`}>
                            Revoked
                          </span>
                        ) : (
                          <span className="badge status status-go">Active</span>
                        )}
                      </td>
                      <td className="actions-cell">
                        <div className="row-actions">
                        {!key.revokedAt && (
                          <ConfirmButton
                            label="Revoke"
                            question={`Revoke "${key.name}"? Whatever uses it stops working at once.`}
                            confirmLabel="Revoke key"
                            onConfirm={() => revoke.mutate(key.name)}
                            pending={revoke.isPending && revoke.variables === key.name}
                            pendingLabel="Revoking…"
                          />
                        )}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </section>

      <section className="section" aria-labelledby="create-key-heading">
        <div className="card">
          <h2 id="create-key-heading">Create a key</h2>
          <CreateKeyForm
            workflows={workflows}
            onCreated={(name, value) => {
              setSecret({ name, secret: value });
              setOutcome({ kind: "ok", text: `Created "${name}". Its secret is shown above, once.` });
              void refresh();
              window.scrollTo({ top: 0, behavior: "smooth" });
            }}
          />
        </div>
      </section>
    </>
  );
}

function CreateKeyForm({ workflows, onCreated }: { workflows: WorkflowOption[]; onCreated: (name: string, secret: string) => void }) {
  const id = useId();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["ingest"]);
  const [limitWorkflows, setLimitWorkflows] = useState<string[]>([]);
  // The workflow limit binds ingestion only, so it is offered only to keys that ingest.
  const ingests = scopes.includes("ingest");
  const create = useMutation({
    mutationFn: () =>
      requestJson<{ secret: string; key: KeyJson }>("/api/v1/keys", {
        method: "POST",
        body: { name, scopes, ...(ingests && limitWorkflows.length ? { workflows: limitWorkflows } : {}) },
      }),
    onSuccess: ({ secret, key }) => {
      setName("");
      setScopes(["ingest"]);
      setLimitWorkflows([]);
      onCreated(key.name, secret);
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <form
      className="admin-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <div className="field admin-field-narrow">
        <label htmlFor={`${id}-name`}>Name</label>
        <span id={`${id}-hint`} className="hint">
          Who uses it, e.g. ticket-agent: letters, digits, . _ @ and -.
        </span>
        <input
          id={`${id}-name`}
          type="text"
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={`${id}-hint${errors.name ? ` ${id}-name-error` : ""}`}
          required
        />
        {errors.name && (
          <p id={`${id}-name-error`} className="field-error">
            {errors.name}
          </p>
        )}
      </div>
      <CheckboxGroup legend="Scopes" options={SCOPE_OPTIONS} value={scopes} onChange={setScopes} error={errors.scopes} />
      {ingests && (
        <CheckboxGroup
          legend="Workflows (optional)"
          hint="Limit ingestion to these workflows; choose none for every workflow."
          options={workflows.map((w) => ({ value: w.key, label: w.name }))}
          value={limitWorkflows}
          onChange={setLimitWorkflows}
          error={errors.workflows}
          empty="No workflows are registered yet: the key will work for every workflow."
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </button>
        <FormMessage outcome={create.isError ? { kind: "error", text: messageOf(create.error) } : null} />
      </div>
    </form>
  );
}
