"use client";
// The audit trail: filters kept in the URL (shareable, and the CSV export uses the same ones), a table newest first
// with each record's before and after on demand, and "Load older" paging by sequence number.
import { useInfiniteQuery } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { formatInstant, plural } from "@/lib/ui/format";
import { AdminTable, TableCard } from "@/components/admin/AdminTable";
import { LoadState } from "@/components/admin/LoadState";
import type { AuditFilters, AuditPageJson, AuditRecordJson } from "@/components/admin/types";
import { AuditFilterForm } from "./AuditFilterForm";
import { auditQueryString } from "./auditQuery";

const PAGE_SIZE = 100;

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
      requestJson<AuditPageJson>(`/api/v1/audit?${auditQueryString(filters, { limit: String(PAGE_SIZE), ...(pageParam ? { before: String(pageParam) } : {}) })}`, { signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    initialData: { pages: [initialPage], pageParams: [null] },
    enabled: problem === null,
  });
  const records = audit.data?.pages.flatMap((page) => page.records) ?? [];
  const filtered = Object.keys(filters).length > 0;
  const exportHref = `/api/v1/audit?${auditQueryString(filters, { format: "csv" })}`;

  return (
    <>
      <AuditFilterForm key={auditQueryString(filters)} filters={filters} timezone={timezone} />
      {problem && (
        <p className="form-status error" role="alert">
          These filters are not valid: {problem}.
        </p>
      )}
      <TableCard
        titleId="audit-heading"
        title="Records"
        description={
          <p className="muted small" aria-live="polite">
            {records.length === 0 ? "No records" : `${plural(records.length, "record", "records")} shown`}
            {filtered ? " matching the filters" : ""}, newest first. Times in {timezone}.
          </p>
        }
        aside={
          problem === null && (
            <a className="button" href={exportHref} download>
              Export CSV
            </a>
          )
        }
      >
        <LoadState query={audit} error={records.length === 0 ? audit.error : null} errorTitle="The audit trail could not be loaded" rows={6}>
          <AdminTable
            caption="Audit records, newest first"
            columns={["When", "Actor", "Action", "Target", "Source", "Change"]}
            className="data compact admin-table audit-table"
            empty={records.length === 0 && (filtered ? "No record matches these filters." : "Nothing has been recorded yet.")}
          >
            {records.map((record) => (
              <AuditRow key={record.seq} record={record} timezone={timezone} />
            ))}
          </AdminTable>
        </LoadState>
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
      </TableCard>
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
