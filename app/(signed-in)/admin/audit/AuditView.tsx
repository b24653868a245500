"use client";
// The audit trail: filters kept in the URL (shareable, and the CSV export uses the same ones), a table newest first
// with each record's before and after on demand, and "Load older" paging by sequence number.
import { useId, useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useInfiniteQuery } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { ACTOR_TYPES } from "@/lib/contract/vocabulary";
import { formatInstant } from "@/lib/ui/format";
import { ErrorState } from "@/components/ui/ErrorState";
import { TableSkeleton } from "@/components/ui/Skeleton";
import { AUDIT_FILTER_FIELDS, type AuditFilters, type AuditPageJson, type AuditRecordJson } from "@/components/admin/types";


const PAGE_SIZE = 100;

function queryString(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const field of AUDIT_FILTER_FIELDS) if (filters[field]) params.set(field, filters[field]!);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

export function AuditView({
  filters,
  problem,
  initialPage,
  timezone,
}: {
  filters: AuditFilters;
  problem: string | null;
  initialPage: AuditPageJson;
  timezone: string;
}) {
  const audit = useInfiniteQuery({
    queryKey: ["admin", "audit", filters],
    queryFn: ({ pageParam, signal }) =>
      requestJson<AuditPageJson>(`/api/v1/audit?${queryString(filters, { limit: String(PAGE_SIZE), ...(pageParam ? { before: String(pageParam) } : {}) })}`, { signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    initialData: { pages: [initialPage], pageParams: [null] },
    enabled: problem === null,
  });
  const records = audit.data?.pages.flatMap((page) => page.records) ?? [];
  const filtered = Object.keys(filters).length > 0;
  const exportHref = `/api/v1/audit?${queryString(filters, { format: "csv" })}`;

  return (
    <>
      <AuditFilterForm key={queryString(filters)} filters={filters} timezone={timezone} />
      {problem && (
        <p className="form-status error" role="alert">
          These filters are not valid: {problem}.
        </p>
      )}
      <section className="section" aria-labelledby="audit-heading">
        <div className="card table-card">
          <div className="toolbar">
            <div>
              <h2 id="audit-heading" className="toolbar-title">
                Records
              </h2>
              <p className="muted small" aria-live="polite">
                {records.length === 0 ? "No records" : `${records.length.toLocaleString("en-US")} record${records.length === 1 ? "" : "s"} shown`}
                {filtered ? " matching the filters" : ""}, newest first. Times in {timezone}.
              </p>
            </div>
            {problem === null && (
              <a className="button" href={exportHref} download>
                Export CSV
              </a>
            )}
          </div>
          {audit.isPending ? (
            <TableSkeleton rows={6} />
          ) : audit.isError && records.length === 0 ? (
            <ErrorState title="The audit trail could not be loaded" message={audit.error.message} onRetry={() => void audit.refetch()} retrying={audit.isFetching} />
          ) : (
            <div className="table-scroll">
              <table className="data compact admin-table audit-table">
                <caption className="visually-hidden">Audit records, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Action</th>
                    <th scope="col">Target</th>
                    <th scope="col">Source</th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {records.length === 0 && (
                    <tr>
                      <td colSpan={6} className="empty-row">
                        {filtered ? "No record matches these filters." : "Nothing has been recorded yet."}
                      </td>
                    </tr>
                  )}
                  {records.map((record) => (
                    <AuditRow key={record.seq} record={record} timezone={timezone} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {audit.isError && records.length > 0 && (
            <p className="form-status error table-count" role="alert">
              Older records could not be loaded: {audit.error.message}
            </p>
          )}
          {audit.hasNextPage && (
            <div className="load-more">
              <button type="button" className="button" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
                {audit.isFetchingNextPage ? "Loading…" : "Load older"}
              </button>
            </div>
          )}
        </div>
      </section>
    </>
  );
}

function AuditRow({ record, timezone }: { record: AuditRecordJson; timezone: string }) {
  const hasChange = record.before !== null || record.after !== null;
  return (
    <tr>
      <td className="nowrap">
        {formatInstant(record.at, timezone)}
        <div className="faint small">#{record.seq}</div>
      </td>
      <td>
        <div className="audit-actor">{record.actor}</div>
        <span className="tag">{record.actorType}</span>
      </td>
      <td>
        <code>{record.action}</code>
        {record.count > 1 && <div className="faint small">×{record.count} in 15 minutes</div>}
      </td>
      <td className="audit-target">{record.target ?? <span className="muted">—</span>}</td>
      <td className="small">{record.source ?? <span className="muted">—</span>}</td>
      <td>
        {hasChange ? (
          <details className="audit-change">
            <summary>Before and after</summary>
            <div className="audit-diff">
              <div>
                <div className="filter-label">Before</div>
                <pre className="audit-json">{record.before === null ? "—" : JSON.stringify(record.before, null, 2)}</pre>
              </div>
              <div>
                <div className="filter-label">After</div>
                <pre className="audit-json">{record.after === null ? "—" : JSON.stringify(record.after, null, 2)}</pre>
              </div>
            </div>
          </details>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}

function AuditFilterForm({ filters, timezone }: { filters: AuditFilters; timezone: string }) {
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
        const qs = queryString(trimmed);
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
