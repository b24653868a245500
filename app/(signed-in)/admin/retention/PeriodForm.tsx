"use client";
// The retention period: how many days raw events are kept (PUT /api/v1/retention).
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { formatCount } from "@/lib/ui/format";
import { TextField } from "@/components/ui/Field";
import { AdminForm, SubmitRow } from "@/components/admin/AdminForm";
import { errorOutcome, fieldErrorsOf, FormMessage, type Outcome } from "@/components/ui/FormMessage";

export function PeriodForm({ days, onSaved }: { days: number; onSaved: () => void }) {
  const [value, setValue] = useState(String(days));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const save = useMutation({
    mutationFn: () => requestJson<{ days: number }>("/api/v1/retention", { method: "PUT", body: { days: Number(value) } }),
    onSuccess: (body) => {
      setOutcome({ kind: "ok", text: `Raw events are now kept for ${formatCount(body.days)} days.` });
      onSaved();
    },
    onError: (error) => setOutcome(errorOutcome(error)),
  });
  return (
    <section className="card" aria-labelledby="period-heading">
      <h2 id="period-heading">Retention period</h2>
      <AdminForm
        onSubmit={() => {
          setOutcome(null);
          save.mutate();
        }}
      >
        <TextField
          label="Keep raw events for (days)"
          className="admin-field-narrow"
          hint="From 30 to 36,500 days. The daily run deletes older raw events, except for workflows under a legal hold."
          type="number"
          inputMode="numeric"
          min={30}
          max={36500}
          step={1}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={fieldErrorsOf(save.error).days}
        />
        <SubmitRow label="Save period" pendingLabel="Saving…" pending={save.isPending}>
          <FormMessage outcome={outcome} />
        </SubmitRow>
      </AdminForm>
    </section>
  );
}
