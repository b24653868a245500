"use client";
// A manual retention run (POST /api/v1/retention/run), after a confirmation: it says how many raw events it
// deleted, per workflow, and which workflows a legal hold kept.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { formatCount, formatInstant, plural } from "@/lib/ui/format";
import { ConfirmButton } from "@/components/admin/ConfirmButton";
import { messageOf } from "@/components/ui/FormMessage";
import type { RetentionRunJson } from "@/components/admin/types";

export function RunNow({ workflowName, days, timezone, onRan }: { workflowName: (key: string) => string; days: number; timezone: string; onRan: () => void }) {
  const [result, setResult] = useState<RetentionRunJson | null>(null);
  const run = useMutation({
    mutationFn: () => requestJson<RetentionRunJson>("/api/v1/retention/run", { method: "POST" }),
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
        question={`Delete raw events older than ${formatCount(days)} days now? This cannot be undone.`}
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
            Deleted {plural(result.total, "raw event", "raw events")} older than {formatInstant(result.cutoff, timezone)}.
            {perWorkflow.length > 0 && (
              <ul className="admin-list">
                {perWorkflow.map(([workflow, n]) => (
                  <li key={workflow}>
                    {workflowName(workflow)}: {formatCount(n)}
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
