"use client";
// One sampled output at a time: its content as plain text (React escapes it; nothing is rendered as HTML), its link
// opening in a new tab without access back to this page, and the verdict by keyboard: 1–4 pick a verdict, s skips,
// Enter records. Progress is the team's reviews this week against the queue's weekly target.
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ERROR_CATEGORIES, VERDICTS, type ErrorCategory } from "@/lib/contract/vocabulary";
import { requestJson } from "@/lib/ui/fetchJson";
import { errorCategoryLabel } from "@/lib/ui/labels";
import { FormMessage, type Outcome } from "@/components/ui/FormMessage";
import type { ClaimedItem } from "@/lib/review/queue";
import type { QueueStatus } from "@/lib/review/status";

type ReviewVerdict = (typeof VERDICTS)[number];

const REVIEW_VERDICT_LABELS: Record<ReviewVerdict, string> = {
  accepted: "Accepted as is",
  light_edit: "Light edit",
  heavy_edit: "Heavy edit",
  rejected: "Rejected",
};
/** Verdicts that say the output was wrong: the reviewer says how. */
const NEEDS_CATEGORY: ReadonlySet<ReviewVerdict> = new Set(["heavy_edit", "rejected"]);

/** Keys typed into a field are text, not shortcuts (Enter still submits the form the field is in). */
const typingInto = (target: EventTarget | null) => target instanceof HTMLElement && (target.tagName === "TEXTAREA" || target.tagName === "SELECT" || (target.tagName === "INPUT" && (target as HTMLInputElement).type === "text"));

export function ReviewView({ workflows, workflow }: { workflows: { key: string; name: string }[]; workflow: { key: string; name: string } | null }) {
  // Each round claims one item: the first on opening, the next after a verdict or a skip (which gives up `skipped`).
  const [round, setRound] = useState(0);
  const [skipped, setSkipped] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<ReviewVerdict | null>(null);
  const [category, setCategory] = useState<ErrorCategory | "">("");
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const categoryPicker = useRef<HTMLSelectElement>(null);
  const key = workflow?.key ?? null;

  const once = { enabled: key !== null, staleTime: Infinity, gcTime: 0, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false } as const;
  const claimed = useQuery({
    queryKey: ["review-claim", key, round],
    queryFn: () => requestJson<ClaimedItem | null>("/api/v1/review/claim", { method: "POST", body: { workflow: key, ...(skipped ? { skip: skipped } : {}) } }),
    ...once,
  });
  const { data: status } = useQuery({
    queryKey: ["review-status", key, round],
    queryFn: () => requestJson<QueueStatus>(`/api/v1/review/queue?workflow=${encodeURIComponent(key!)}`),
    ...once,
  });
  // undefined: loading; null: nothing left.
  const item = claimed.isPending ? undefined : (claimed.data ?? null);

  useEffect(() => {
    if (item) heading.current?.focus();
  }, [item]);

  // A verdict that needs an error category takes the keyboard to the picker (arrow keys choose, Enter records).
  useEffect(() => {
    if (verdict && NEEDS_CATEGORY.has(verdict)) categoryPicker.current?.focus();
  }, [verdict]);

  const next = useCallback((skip: string | null) => {
    setSkipped(skip);
    setVerdict(null);
    setCategory("");
    setNote("");
    setRound((r) => r + 1);
  }, []);

  const skip = useCallback(
    (outputId: string) => {
      setOutcome({ kind: "ok", text: "Skipped; it goes to another reviewer." });
      next(outputId);
    },
    [next],
  );

  const submit = useCallback(async () => {
    if (!item || !key || busy) return;
    if (!verdict) return setOutcome({ kind: "error", text: "Choose a verdict (keys 1 to 4)." });
    if (NEEDS_CATEGORY.has(verdict) && !category) return setOutcome({ kind: "error", text: "Choose what was wrong: heavy edits and rejections need an error category." });
    setBusy(true);
    try {
      await requestJson(`/api/v1/review/items/${encodeURIComponent(item.outputId)}`, {
        method: "POST",
        body: { workflow: key, verdict, ...(NEEDS_CATEGORY.has(verdict) ? { errorCategory: category } : {}), ...(note.trim() ? { note } : {}) },
      });
      setOutcome({ kind: "ok", text: `Recorded: ${REVIEW_VERDICT_LABELS[verdict]}.` });
      next(null);
    } catch (error) {
      setOutcome({ kind: "error", text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  }, [item, key, busy, verdict, category, note, next]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || !item) return;
      if (event.key === "Enter" && !(event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement || event.target instanceof HTMLTextAreaElement)) {
        event.preventDefault();
        void submit();
        return;
      }
      if (typingInto(event.target)) return;
      const index = ["1", "2", "3", "4"].indexOf(event.key);
      if (index >= 0) {
        event.preventDefault();
        setVerdict(VERDICTS[index]!);
      } else if (event.key === "s") {
        event.preventDefault();
        skip(item.outputId);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [item, submit, skip]);

  if (!workflow) {
    return (
      <section className="review">
        <h1>Review</h1>
        <p>No workflow is yours to review yet. An admin grants the reviewer role per workflow.</p>
      </section>
    );
  }

  const done = status?.doneThisWeek ?? 0;
  const target = status?.weeklyTarget ?? 0;
  return (
    <section className="review" aria-busy={busy}>
      <header className="review-header">
        <h1>Review: {workflow.name}</h1>
        {workflows.length > 1 && (
          <nav aria-label="Workflows to review" className="review-workflows">
            {workflows.map((w) => (
              <Link key={w.key} href={`/review?workflow=${encodeURIComponent(w.key)}`} aria-current={w.key === workflow.key ? "page" : undefined}>
                {w.name}
              </Link>
            ))}
          </nav>
        )}
        {status && (
          <p className="review-progress">
            <label htmlFor="review-progress">
              This week: {done} of {target} reviews{status.pending > 0 ? `; ${status.pending} waiting` : ""}
            </label>
            <progress id="review-progress" value={Math.min(done, Math.max(target, 1))} max={Math.max(target, 1)} />
          </p>
        )}
      </header>
      <FormMessage outcome={claimed.error ? { kind: "error", text: claimed.error.message } : outcome} />
      {item === undefined && <p>Loading the next item…</p>}
      {item === null && <p role="status">Nothing left to review in {workflow.name} for you. Thank you.</p>}
      {item && (
        <form
          className="review-item"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <article aria-labelledby="review-title">
            <h2 id="review-title" ref={heading} tabIndex={-1}>
              {item.title ?? "Untitled output"}
            </h2>
            <p className="muted review-meta">
              Output {item.outputId} · {item.cohort} · {new Date(item.occurredAt).toLocaleString()}
              {item.reviewers === 2 ? " · reviewed by two people" : ""}
            </p>
            {item.text && <div className="review-text">{item.text}</div>}
            {item.link && (
              <p>
                <a href={item.link} target="_blank" rel="noopener noreferrer">
                  Open the original (new tab)
                </a>
              </p>
            )}
          </article>
          <fieldset>
            <legend>Verdict</legend>
            {VERDICTS.map((v, i) => (
              <label key={v} className="review-choice">
                <input type="radio" name="verdict" value={v} checked={verdict === v} onChange={() => setVerdict(v)} />
                <kbd>{i + 1}</kbd> {REVIEW_VERDICT_LABELS[v]}
              </label>
            ))}
          </fieldset>
          <label className="review-field">
            Error category{verdict && NEEDS_CATEGORY.has(verdict) ? " (required)" : ""}
            <select ref={categoryPicker} value={category} onChange={(e) => setCategory(e.target.value as ErrorCategory | "")} disabled={!verdict || !NEEDS_CATEGORY.has(verdict)}>
              <option value="">Choose…</option>
              {ERROR_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {errorCategoryLabel(c)}
                </option>
              ))}
            </select>
          </label>
          <label className="review-field">
            Note (optional)
            <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
          </label>
          <div className="review-actions">
            <button type="submit" disabled={busy}>
              Record verdict <kbd>Enter</kbd>
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => skip(item.outputId)}>
              Skip <kbd>s</kbd>
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
