"use client";
// The always-on sources: per source, connected or not and why, the last run and what it read, how far behind
// Microsoft it is, the last error in words, and "Pull now" (the scheduler's next check runs it; audited).
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import type { PullStatus } from "@/lib/sources/pull/status";
import { requestJson } from "@/lib/ui/fetchJson";
import { formatCount, formatDuration, formatInstant } from "@/lib/ui/format";
import { FormMessage, messageOf } from "@/components/ui/FormMessage";
import { SOURCE_TYPE_LABELS } from "@/components/admin/ImportSummaryView";

export function PullsCard({ pulls, timezone }: { pulls: PullStatus[]; timezone: string }) {
  return (
    <section className="section card table-card" aria-labelledby="pulls-heading">
      <h2 id="pulls-heading">Always-on pulls</h2>
      <p className="muted small">
        Sources with a <code>pull</code> block in program.json are fetched from Microsoft 365 on their interval (Management Activity API, Dataverse), through the same rules as a file
        import. Connection settings live in the server&apos;s environment (<code>TOLLGATE_M365_*</code>), never here.
      </p>
      <div className="table-scroll">
        <table className="data compact admin-table">
          <caption className="visually-hidden">Always-on sources and their last pull</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Connection</th>
              <th scope="col">Last run</th>
              <th scope="col">What it read</th>
              <th scope="col">Behind Microsoft</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pulls.map((pull) => (
              <PullRow key={pull.source} pull={pull} timezone={timezone} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function PullRow({ pull, timezone }: { pull: PullStatus; timezone: string }) {
  const router = useRouter();
  const request = useMutation({
    mutationFn: () => requestJson<{ queued: true }>(`/api/v1/sources/${encodeURIComponent(pull.source)}/pull`, { method: "POST" }),
    onSuccess: () => router.refresh(),
  });
  const skipped = Object.entries(pull.skippedBy).filter(([, n]) => n > 0);
  return (
    <tr>
      <th scope="row" className="strong">
        {pull.source}
        <div className="faint small">
          {SOURCE_TYPE_LABELS[pull.type]} · every {pull.every}
        </div>
      </th>
      <td className="small" data-testid={`pull-connection-${pull.source}`}>
        {pull.connected ? <span className="tag">connected</span> : <span className={pull.lastOutcome === "failed" ? "field-error" : "muted"}>{pull.why}</span>}
      </td>
      <td className="small nowrap">
        {pull.lastRunAt ? formatInstant(pull.lastRunAt, timezone) : <span className="muted">never</span>}
        {pull.nextRunAt && <div className="faint">next {formatInstant(pull.nextRunAt, timezone)}</div>}
      </td>
      <td className="small">
        {pull.records === null ? (
          <span className="muted">—</span>
        ) : (
          <>
            {formatCount(pull.records)} records: {formatCount(pull.newEvents)} new events, {formatCount(pull.alreadyImported)} already imported
            {skipped.length > 0 && <div className="faint">skipped: {skipped.map(([reason, n]) => `${reason} ${formatCount(n)}`).join(", ")}</div>}
            {pull.unreadable > 0 && <div className="field-error">{formatCount(pull.unreadable)} records could not be read</div>}
            {pull.problems.map((problem) => (
              <div key={problem} className="field-error">
                {problem}
              </div>
            ))}
          </>
        )}
      </td>
      <td className="small nowrap">
        {pull.behindMs === null ? <span className="muted">—</span> : formatDuration(pull.behindMs)}
        {pull.newestRecordAt && <div className="faint">newest record {formatInstant(pull.newestRecordAt, timezone)}</div>}
      </td>
      <td className="small">
        <button type="button" className="button button-sm" disabled={request.isPending} onClick={() => request.mutate()}>
          {request.isPending ? "Asking…" : "Pull now"}
        </button>
        <FormMessage outcome={request.isError ? { kind: "error", text: messageOf(request.error) } : request.isSuccess ? { kind: "ok", text: "Queued: the next check (within a minute) runs it." } : null} />
      </td>
    </tr>
  );
}
