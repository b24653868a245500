"use client";
// A form that adds a channel by naming the environment variables holding its URL and secret (never their values),
// saved as a program change (PUT /api/v1/program).
import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { requestJson, FetchError } from "@/lib/ui/fetchJson";
import type { AlertChannel, ChannelType } from "@/lib/contract/alerts";
import { FormMessage, messageOf, type Outcome } from "@/components/ui/FormMessage";
import { CHANNEL_TYPES, TYPE_LABELS } from "./channelTypes";

/** The server's field errors for the channel, by field (alerts.channels[0].urlEnv → urlEnv). */
function channelErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof FetchError) for (const e of error.fieldErrors) out[e.path.replace(/^alerts\.channels\[0\]\.?/, "") || "key"] ??= e.message;
  return out;
}

export function AddChannelForm({ onSaved }: { onSaved: () => void }) {
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
