"use client";
// Editing one readiness item, for admins and the workflow's owners: status, owner and evidence, saved through
// PUT /api/v1/workflows/W/checklist/ITEM (audited, kept in the history), then the page re-reads the verdict.
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { FetchError, requestJson } from "@/lib/ui/fetchJson";
import { CHECKLIST_LABELS, CHECKLIST_STATUS_LABELS } from "@/lib/ui/labels";
import type { ChecklistEntry } from "@/lib/scorecards/checklist";

const STATUSES = Object.keys(CHECKLIST_STATUS_LABELS) as ChecklistEntry["status"][];

export function ChecklistEditor({ workflow, entry }: { workflow: string; entry: ChecklistEntry }) {
  const id = useId();
  const router = useRouter();
  const [status, setStatus] = useState(entry.status);
  const [owner, setOwner] = useState(entry.owner ?? "");
  const [evidence, setEvidence] = useState(entry.evidence ?? "");
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const name = CHECKLIST_LABELS[entry.item];

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    try {
      await requestJson(`/api/v1/workflows/${encodeURIComponent(workflow)}/checklist/${entry.item}`, {
        method: "PUT",
        body: { status, ...(owner.trim() ? { owner } : {}), ...(evidence.trim() ? { evidence } : {}) },
      });
      setMessage({ ok: true, text: "Saved." });
      router.refresh();
    } catch (failure) {
      const field = failure instanceof FetchError ? failure.fieldErrors[0] : undefined;
      setMessage({ ok: false, text: field ? `${field.path}: ${field.message}` : (failure as Error).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <details className="checklist-editor no-print">
      <summary className="button button-sm">Edit</summary>
      <form onSubmit={save} className="checklist-editor-form" aria-label={`Edit ${name}`}>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as ChecklistEntry["status"])}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {CHECKLIST_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>Owner</label>
          <input id={`${id}-owner`} value={owner} maxLength={200} onChange={(e) => setOwner(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-evidence`}>Evidence</label>
          <textarea id={`${id}-evidence`} value={evidence} maxLength={2000} rows={3} onChange={(e) => setEvidence(e.target.value)} />
        </div>
        <div className="form-actions" aria-live="polite">
          <button type="submit" className="button button-primary button-sm" disabled={pending}>
            {pending ? "Saving…" : `Save ${name}`}
          </button>
          {message && <p className={`form-status ${message.ok ? "ok" : "error"}`}>{message.text}</p>}
        </div>
      </form>
    </details>
  );
}
