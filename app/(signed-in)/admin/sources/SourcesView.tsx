"use client";
// Data sources: the program's sources with their rules, the always-on pulls (PullsCard), a file import in two steps (preview: a dry run that stores
// nothing; then commit), the directory's counts per cohort (never who), and the import history.
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import type { SourceInput } from "@/lib/contract/sources";
import type { DirectoryCount, SourceImportRow } from "@/lib/sources/overview";
import type { ImportSummary } from "@/lib/sources/summary";
import { requestJson } from "@/lib/ui/fetchJson";
import { formatCount, formatInstant, shortHash } from "@/lib/ui/format";
import { actorName } from "@/lib/ui/labels";
import { FormMessage, messageOf } from "@/components/ui/FormMessage";
import { ImportSummaryView, SOURCE_TYPE_LABELS } from "@/components/admin/ImportSummaryView";
import type { Jsonified } from "@/components/admin/types";
import type { PullStatus } from "@/lib/sources/pull/status";
import { PullsCard } from "./PullsCard";

export function SourcesView({
  sources,
  history,
  directory,
  pulls,
  timezone,
}: {
  sources: SourceInput[];
  history: Jsonified<SourceImportRow>[];
  directory: DirectoryCount[];
  pulls: PullStatus[];
  timezone: string;
}) {
  return (
    <>
      <section className="section card table-card" aria-labelledby="sources-heading">
        <h2 id="sources-heading">Sources</h2>
        {sources.length === 0 ? (
          <p className="muted">No sources yet. Add them under &quot;sources&quot; in program.json and apply it (see the README).</p>
        ) : (
          <div className="table-scroll">
            <table className="data compact admin-table">
              <caption className="visually-hidden">The program&apos;s data sources and their rules</caption>
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Export</th>
                  <th scope="col">Records go to (the first matching rule wins)</th>
                </tr>
              </thead>
              <tbody>
                {sources.map((source) => (
                  <tr key={source.key}>
                    <th scope="row" className="strong">{source.key}</th>
                    <td className="small">{SOURCE_TYPE_LABELS[source.type]}{source.incidents ? " · jailbreak and XPIA detections as incidents" : ""}</td>
                    <td className="small">
                      <SourceRules source={source} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {pulls.length > 0 && <PullsCard pulls={pulls} timezone={timezone} />}
      {sources.length > 0 && <ImportPanel sources={sources} />}
      <div className="grid-2 section">
        <DirectoryCard directory={directory} />
        <HistoryCard history={history} timezone={timezone} />
      </div>
    </>
  );
}

function SourceRules({ source }: { source: SourceInput }) {
  const cohort = (key: string | undefined) => (key ? `, cohort ${key}` : ", cohort from the directory");
  if (source.workflow) return <>every record → {source.workflow} ({source.outputKind}{cohort(source.cohort)})</>;
  return (
    <ol className="plain-list">
      {source.workflows!.map((rule, i) => (
        <li key={i}>
          {Object.entries(rule.match).filter(([, v]) => v !== undefined).map(([k, v]) => `${k} = "${v}"`).join(" and ")} → {rule.workflow} ({rule.outputKind}
          {cohort(rule.cohort ?? source.cohort)})
        </li>
      ))}
    </ol>
  );
}

function ImportPanel({ sources }: { sources: SourceInput[] }) {
  const id = useId();
  const router = useRouter();
  const [source, setSource] = useState(sources[0]!.key);
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const send = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => {
      const query = new URLSearchParams({ source, fileName: file!.name, ...(dryRun ? { dryRun: "1" } : {}) });
      return requestJson<ImportSummary>(`/api/v1/imports?${query}`, { method: "POST", file: file! });
    },
    onSuccess: (result) => {
      setSummary(result);
      if (!result.dryRun) router.refresh();
    },
  });
  const reset = () => {
    setSummary(null);
    send.reset();
  };
  const preview = summary?.dryRun ? summary : null;
  return (
    <section className="section card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Import a file</h2>
      <form
        className="admin-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (file) send.mutate({ dryRun: true });
        }}
      >
        <div className="admin-form-row">
          <div className="field">
            <label htmlFor={`${id}-source`}>Source</label>
            <select id={`${id}-source`} value={source} onChange={(e) => (setSource(e.target.value), reset())}>
              {sources.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.key} ({SOURCE_TYPE_LABELS[s.type]})
                </option>
              ))}
            </select>
          </div>
          <div className="field admin-field-wide">
            <label htmlFor={`${id}-file`}>Export file</label>
            <input id={`${id}-file`} type="file" accept=".csv,.json,.ndjson,.txt" onChange={(e) => (setFile(e.target.files?.[0] ?? null), reset())} />
            <span className="hint">CSV, JSON or NDJSON; the format is told from the content. Personal text (prompts, transcripts) is never stored.</span>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={!file || send.isPending}>
            {send.isPending && send.variables?.dryRun ? "Reading…" : "Preview"}
          </button>
          {preview && (
            <button type="button" className="button button-primary" disabled={send.isPending} onClick={() => send.mutate({ dryRun: false })}>
              {send.isPending ? "Importing…" : `Import ${formatCount(preview.counts.new)} new events`}
            </button>
          )}
        </div>
        <FormMessage
          outcome={
            send.isError
              ? { kind: "error", text: messageOf(send.error) }
              : summary && !summary.dryRun
                ? { kind: "ok", text: `Imported ${summary.fileName}: ${formatCount(summary.counts.new)} new events, ${formatCount(summary.counts.alreadyImported)} already imported.` }
                : null
          }
        />
      </form>
      {summary && <ImportSummaryView summary={summary} />}
    </section>
  );
}

function DirectoryCard({ directory }: { directory: DirectoryCount[] }) {
  const cohorts = [...new Set(directory.map((d) => d.cohort))];
  const of = (cohort: string, kind: string) => directory.find((d) => d.cohort === cohort && d.kind === kind)?.people ?? 0;
  return (
    <section className="card" aria-labelledby="directory-heading">
      <h2 id="directory-heading">Directory</h2>
      <p className="muted small">
        Who belongs to which cohort, kept only as keyed hashes. Import it with <code>npx tollgate directory import people.csv [--cohort-from department]</code>.
      </p>
      {cohorts.length === 0 ? (
        <p className="muted">Empty: records are placed only by a rule&apos;s or source&apos;s fixed cohort.</p>
      ) : (
        <table className="data compact">
          <caption className="visually-hidden">People per cohort</caption>
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              <th scope="col" className="num">By UPN</th>
              <th scope="col" className="num">By object id</th>
            </tr>
          </thead>
          <tbody>
            {cohorts.map((cohort) => (
              <tr key={cohort}>
                <th scope="row">{cohort}</th>
                <td className="num">{formatCount(of(cohort, "user"))}</td>
                <td className="num">{formatCount(of(cohort, "objectId"))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function HistoryCard({ history, timezone }: { history: Jsonified<SourceImportRow>[]; timezone: string }) {
  const outcome = (row: Jsonified<SourceImportRow>) => {
    const counts = row.counts as Record<string, unknown> | null;
    if (!row.finishedAt) return <span className="muted">did not finish (run it again: nothing is counted twice)</span>;
    if (typeof counts?.failed === "string") return <span className="field-error">failed: {counts.failed}</span>;
    const n = (key: string) => formatCount(Number(counts?.[key] ?? 0));
    return `${n("records")} records: ${n("new")} new, ${n("alreadyImported")} already imported, ${n("skipped")} skipped, ${n("errors")} unreadable`;
  };
  return (
    <section className="card table-card" aria-labelledby="history-heading">
      <h2 id="history-heading">Import history</h2>
      {history.length === 0 ? (
        <p className="muted">No imports yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data compact admin-table">
            <caption className="visually-hidden">Imports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">File</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {history.map((row) => (
                <tr key={row.id}>
                  <td className="nowrap small">{formatInstant(row.startedAt, timezone)}</td>
                  <td className="small">{actorName(row.actor)}</td>
                  <td className="small">
                    {row.fileName} <span className="tag">{row.source}</span>
                    {row.sha256 && <div className="faint small" title={`SHA-256 ${row.sha256}`}>SHA-256 {shortHash(row.sha256)}</div>}
                  </td>
                  <td className="small">{outcome(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
