"use client";
// Places a legal hold on a workflow (PUT /api/v1/legal-holds/WORKFLOW) with the reason for it. The outcome is
// announced in the holds' toolbar, above the table the new hold appears in.
import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { Field, TextField } from "@/components/ui/Field";
import { AdminForm, SubmitRow } from "@/components/admin/AdminForm";
import { errorOutcome, fieldErrorsOf, type Outcome } from "@/components/ui/FormMessage";
import type { WorkflowOption } from "@/components/admin/types";
import { workflowChoices } from "@/components/admin/workflows";
import { OptionList } from "@/components/filters/SelectFilter";

export function PlaceHoldForm({
  available,
  workflowName,
  onOutcome,
  onPlaced,
}: {
  /** The workflows not under a hold yet. */
  available: WorkflowOption[];
  workflowName: (key: string) => string;
  onOutcome: (outcome: Outcome) => void;
  onPlaced: () => void;
}) {
  const id = useId();
  const [workflow, setWorkflow] = useState("");
  const [reason, setReason] = useState("");
  const place = useMutation({
    mutationFn: () => requestJson(`/api/v1/legal-holds/${encodeURIComponent(workflow)}`, { method: "PUT", body: { reason } }),
    onSuccess: () => {
      onOutcome({ kind: "ok", text: `Placed a legal hold on ${workflowName(workflow)}: its raw events are kept until it is lifted.` });
      setWorkflow("");
      setReason("");
      onPlaced();
    },
    onError: (error) => onOutcome(errorOutcome(error)),
  });
  return (
    <AdminForm
      className="hold-form"
      aria-labelledby={`${id}-title`}
      onSubmit={() => {
        onOutcome(null);
        if (!workflow) {
          onOutcome({ kind: "error", text: "Choose the workflow to hold." });
          return;
        }
        place.mutate();
      }}
    >
      <h3 id={`${id}-title`}>Place a legal hold</h3>
      <div className="admin-form-row">
        <Field label="Workflow">
          {(control) => (
            <select {...control} className="select" value={workflow} onChange={(e) => setWorkflow(e.target.value)}>
              <option value="">Choose a workflow…</option>
              <OptionList options={workflowChoices(available)} />
            </select>
          )}
        </Field>
        <TextField
          label="Reason"
          className="admin-field-wide"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. litigation hold, case 2026-114"
          error={fieldErrorsOf(place.error).reason}
        />
      </div>
      <SubmitRow label="Place hold" pendingLabel="Placing…" pending={place.isPending} disabled={available.length === 0} />
    </AdminForm>
  );
}
