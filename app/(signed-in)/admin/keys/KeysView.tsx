"use client";
// API keys: the list (the prefix only: the secret is never stored), a form that creates a key and shows its secret
// once, and revocation with a confirmation.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { formatInstant } from "@/lib/ui/format";
import { ActiveBadge, AdminTable, FormCard, RowActions, TableCard, TagList } from "@/components/admin/AdminTable";
import { ConfirmButton } from "@/components/admin/ConfirmButton";
import { errorOutcome, FormMessage, type Outcome } from "@/components/ui/FormMessage";
import { LoadState } from "@/components/admin/LoadState";
import { OneTimeSecret } from "@/components/admin/OneTimeSecret";
import type { KeyJson, WorkflowOption } from "@/components/admin/types";
import { useAdminData } from "@/components/admin/useAdminData";
import { workflowNamer } from "@/components/admin/workflows";
import { CreateKeyForm } from "./CreateKeyForm";

export function KeysView({ initialKeys, workflows, timezone }: { initialKeys: KeyJson[]; workflows: WorkflowOption[]; timezone: string }) {
  const { query: keys, refresh } = useAdminData(["admin", "keys"], "/api/v1/keys", (body: { keys: KeyJson[] }) => body.keys, initialKeys);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const workflowName = workflowNamer(workflows);

  const revoke = useMutation({
    mutationFn: (name: string) => requestJson<{ revoked: string }>(`/api/v1/keys/${encodeURIComponent(name)}`, { method: "DELETE" }),
    onSuccess: ({ revoked }) => {
      setOutcome({ kind: "ok", text: `Revoked "${revoked}": requests with its secret are refused from now on.` });
      void refresh();
    },
    onError: (error) => setOutcome(errorOutcome(error)),
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

      <TableCard titleId="keys-heading" title="API keys" aside={<FormMessage outcome={outcome} />}>
        <LoadState query={keys} errorTitle="The API keys could not be loaded" rows={4}>
          <AdminTable
            caption="API keys with their scopes, the workflows they ingest for, dates and state"
            columns={["Name", "Prefix", "Scopes", "Ingests for", "Created", "Last used", "State"]}
            withActions
            empty={sorted.length === 0 && "No API keys yet. Create one below for the first agent."}
          >
            {sorted.map((key) => (
              <tr key={key.name} className={key.revokedAt ? "revoked" : undefined}>
                <th scope="row" className="strong">
                  {key.name}
                </th>
                <td>
                  <code title="The first characters of the secret">{key.prefix}…</code>
                </td>
                <td>
                  <TagList tags={key.scopes} />
                </td>
                <td className="small">
                  {!key.scopes.includes("ingest") ? (
                    <span className="muted">—</span>
                  ) : key.workflows ? (
                    key.workflows.map(workflowName).join(", ")
                  ) : (
                    <span className="muted">All workflows</span>
                  )}
                </td>
                <td className="small">{formatInstant(key.createdAt, timezone)}</td>
                <td className="small">{key.lastUsedAt ? formatInstant(key.lastUsedAt, timezone) : <span className="muted">Never</span>}</td>
                <td>
                  <ActiveBadge endedAt={key.revokedAt} ended="Revoked" timezone={timezone} />
                </td>
                <RowActions>
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
                </RowActions>
              </tr>
            ))}
          </AdminTable>
        </LoadState>
      </TableCard>

      <FormCard titleId="create-key-heading" title="Create a key">
        <CreateKeyForm
          workflows={workflows}
          onCreated={(name, value) => {
            setSecret({ name, secret: value });
            setOutcome({ kind: "ok", text: `Created "${name}". Its secret is shown above, once.` });
            void refresh();
            window.scrollTo({ top: 0, behavior: "smooth" });
          }}
        />
      </FormCard>
    </>
  );
}
