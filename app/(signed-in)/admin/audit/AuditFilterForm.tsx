"use client";
// The audit trail's filters: edited here, applied to the URL (so a filtered view can be shared and the CSV export
// uses the same ones). The dates are local days of the installation timezone.
import { useId, useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import { ACTOR_TYPES } from "@/lib/contract/vocabulary";
import type { AuditFilters } from "@/components/admin/types";
import { auditQueryString } from "./auditQuery";

export function AuditFilterForm({ filters, timezone }: { filters: AuditFilters; timezone: string }) {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const set = (field: keyof AuditFilters) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setDraft((d) => ({ ...d, [field]: event.target.value }));
  const rangeError = draft.from && draft.to && draft.from > draft.to ? "The start date is after the end date." : null;
  return (
    <form
      className="card filter-bar audit-filters"
      role="search"
      aria-label="Filter the audit trail"
      onSubmit={(event) => {
        event.preventDefault();
        if (rangeError) return;
        const trimmed = Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v?.trim() ?? ""]).filter(([, v]) => v)) as AuditFilters;
        const qs = auditQueryString(trimmed);
        router.push(qs ? `${pathname}?${qs}` : pathname);
      }}
    >
      <label className="filter" htmlFor={`${id}-from`}>
        <span className="filter-label">From ({timezone})</span>
        <input id={`${id}-from`} type="date" value={draft.from ?? ""} onChange={set("from")} aria-invalid={rangeError ? true : undefined} />
      </label>
      <label className="filter" htmlFor={`${id}-to`}>
        <span className="filter-label">To (inclusive)</span>
        <input id={`${id}-to`} type="date" value={draft.to ?? ""} onChange={set("to")} aria-invalid={rangeError ? true : undefined} />
      </label>
      <label className="filter" htmlFor={`${id}-actor`}>
        <span className="filter-label">Actor contains</span>
        <input id={`${id}-actor`} type="text" value={draft.actor ?? ""} onChange={set("actor")} placeholder="email or key name" />
      </label>
      <label className="filter" htmlFor={`${id}-type`}>
        <span className="filter-label">Actor type</span>
        <select id={`${id}-type`} className="select" value={draft.actorType ?? ""} onChange={set("actorType")}>
          <option value="">Any</option>
          {ACTOR_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <label className="filter" htmlFor={`${id}-action`}>
        <span className="filter-label">Action</span>
        <input id={`${id}-action`} type="text" value={draft.action ?? ""} onChange={set("action")} placeholder="key.create, or key. for all" />
      </label>
      <label className="filter" htmlFor={`${id}-target`}>
        <span className="filter-label">Target (exact)</span>
        <input id={`${id}-target`} type="text" value={draft.target ?? ""} onChange={set("target")} placeholder="workflow, key, email" />
      </label>
      <div className="filter filter-buttons">
        <button type="submit" className="button button-primary" disabled={rangeError !== null}>
          Apply
        </button>
        {Object.keys(filters).length > 0 && (
          <button type="button" className="button button-ghost" onClick={() => router.push(pathname)}>
            Clear
          </button>
        )}
      </div>
      {rangeError && <p className="field-error audit-filter-error">{rangeError}</p>}
    </form>
  );
}
