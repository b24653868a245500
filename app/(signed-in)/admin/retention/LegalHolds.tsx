"use client";
// Legal holds: the workflows whose raw events are kept whatever the retention period, each liftable after a
// confirmation (DELETE /api/v1/legal-holds/WORKFLOW), and the form that places one.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { formatInstant } from "@/lib/ui/format";
import { AdminTable, RowActions, TableCard } from "@/components/admin/AdminTable";
import { ConfirmButton } from "@/components/admin/ConfirmButton";
import { errorOutcome, FormMessage, type Outcome } from "@/components/ui/FormMessage";
import type { LegalHoldJson, WorkflowOption } from "@/components/admin/types";
import { PlaceHoldForm } from "./PlaceHoldForm";

export function LegalHolds({
  holds,
  workflows,
  workflowName,
  timezone,
  onChanged,
}: {
  holds: LegalHoldJson[];
  workflows: WorkflowOption[];
  workflowName: (key: string) => string;
  timezone: string;
  onChanged: () => void;
}) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const held = new Set(holds.map((h) => h.workflow));
  const lift = useMutation({
    mutationFn: (key: string) => requestJson(`/api/v1/legal-holds/${encodeURIComponent(key)}`, { method: "DELETE" }),
    onSuccess: (_body, key) => {
      setOutcome({ kind: "ok", text: `Lifted the legal hold on ${workflowName(key)}.` });
      onChanged();
    },
    onError: (error) => setOutcome(errorOutcome(error)),
  });

  return (
    <TableCard
      titleId="holds-heading"
      title="Legal holds"
      description={<p className="muted small">A held workflow&apos;s raw events are never purged until the hold is lifted.</p>}
      aside={<FormMessage outcome={outcome} />}
    >
      <AdminTable
        caption="Legal holds"
        columns={["Workflow", "Reason", "Placed by", "Placed"]}
        withActions
        empty={holds.length === 0 && "No legal holds: every workflow's raw events follow the retention period."}
      >
        {holds.map((hold) => (
          <tr key={hold.workflow}>
            <th scope="row" className="strong">
              {workflowName(hold.workflow)}
            </th>
            <td className="evidence">{hold.reason}</td>
            <td className="small">{hold.placedBy}</td>
            <td className="small">{formatInstant(hold.placedAt, timezone)}</td>
            <RowActions>
              <ConfirmButton
                label="Lift"
                question={`Lift the hold on ${workflowName(hold.workflow)}? The next run may purge its old raw events.`}
                confirmLabel="Lift hold"
                onConfirm={() => lift.mutate(hold.workflow)}
                pending={lift.isPending && lift.variables === hold.workflow}
                pendingLabel="Lifting…"
              />
            </RowActions>
          </tr>
        ))}
      </AdminTable>
      <PlaceHoldForm available={workflows.filter((w) => !held.has(w.key))} workflowName={workflowName} onOutcome={setOutcome} onPlaced={onChanged} />
    </TableCard>
  );
}
