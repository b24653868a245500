"use client";
// Creates an API key (POST /api/v1/keys): its name, its scopes and, for a key that ingests or reviews, the workflows
// it may send events for and review. The answer carries the secret, which the view shows once.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { SCOPES, type Scope } from "@/lib/contract/vocabulary";
import { TextField } from "@/components/ui/Field";
import { AdminForm, SubmitRow } from "@/components/admin/AdminForm";
import { CheckboxGroup } from "@/components/admin/CheckboxGroup";
import { errorOutcome, fieldErrorsOf, FormMessage } from "@/components/ui/FormMessage";
import type { KeyJson, WorkflowOption } from "@/components/admin/types";
import { workflowChoices } from "@/components/admin/workflows";

const SCOPE_DETAILS: Record<Scope, string> = {
  ingest: "send events (POST /api/v1/events)",
  read: "metrics, scorecards and exports",
  admin: "apply the program, record decisions, read the audit trail",
  review: "drive the review queue (/api/v1/review/*) for the workflows it is limited to",
};
const SCOPE_OPTIONS = SCOPES.map((scope) => ({ value: scope, label: scope, detail: SCOPE_DETAILS[scope] }));

export function CreateKeyForm({ workflows, onCreated }: { workflows: WorkflowOption[]; onCreated: (name: string, secret: string) => void }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["ingest"]);
  const [limitWorkflows, setLimitWorkflows] = useState<string[]>([]);
  // The workflow limit binds ingestion and review only, so it is offered only to keys that do either.
  const limited = scopes.includes("ingest") || scopes.includes("review");
  const create = useMutation({
    mutationFn: () =>
      requestJson<{ secret: string; key: KeyJson }>("/api/v1/keys", {
        method: "POST",
        body: { name, scopes, ...(limited && limitWorkflows.length ? { workflows: limitWorkflows } : {}) },
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
    <AdminForm onSubmit={() => create.mutate()}>
      <TextField
        label="Name"
        className="admin-field-narrow"
        hint="Who uses it, e.g. ticket-agent: letters, digits, . _ @ and -."
        autoComplete="off"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
        required
      />
      <CheckboxGroup legend="Scopes" options={SCOPE_OPTIONS} value={scopes} onChange={setScopes} error={errors.scopes} />
      {limited && (
        <CheckboxGroup
          legend="Workflows (optional)"
          hint="Limit ingestion and review to these workflows; choose none for every workflow."
          options={workflowChoices(workflows)}
          value={limitWorkflows}
          onChange={setLimitWorkflows}
          error={errors.workflows}
          empty="No workflows are registered yet: the key will work for every workflow."
        />
      )}
      <SubmitRow label="Create key" pendingLabel="Creating…" pending={create.isPending}>
        <FormMessage outcome={errorOutcome(create.error)} />
      </SubmitRow>
    </AdminForm>
  );
}
