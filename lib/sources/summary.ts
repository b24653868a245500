// The import summary, tallied as records are read: events by workflow × cohort × type (new or already imported),
// skips by reason with two examples each, the most frequent unmatched agent names, app hosts and bots, errors by
// line, and the first derived events as a preview. Pure: the import feeds it, the CLI, API and page show it.
import type { IncomingEvent } from "@/lib/contract/event";
import type { MatchField } from "@/lib/contract/sources";
import type { SourceType } from "@/lib/contract/vocabulary";
import { SKIP_REASON_LABELS, type MatchFacts, type SkipReason } from "./derive";

export interface EventCount {
  workflow: string;
  cohort: string;
  type: string;
  new: number;
  alreadyImported: number;
}

export interface ImportCounts {
  records: number;
  events: number;
  new: number;
  alreadyImported: number;
  /** Derived events ingestion refused (e.g. older than the retention watermark). */
  rejected: number;
  skipped: number;
  errors: number;
}

export interface ImportSummary {
  source: string;
  type: SourceType;
  fileName: string;
  sha256: string;
  bytes: number;
  dryRun: boolean;
  format: string;
  /** The exports the records came from, e.g. "Purview portal CSV export". */
  variants: string[];
  counts: ImportCounts;
  events: EventCount[];
  skipped: { reason: SkipReason; label: string; count: number; examples: { line: number; record: string }[] }[];
  unmatched: Partial<Record<MatchField, { value: string; count: number }[]>>;
  errors: { line: number; message: string }[];
  warnings: string[];
  /** The first derived events, as they would be stored (the actor already a keyed hash). */
  preview: (IncomingEvent & { line: number })[];
}

const MAX_ERRORS = 100;
const PREVIEW = 20;
const TOP = 10;

export class SummaryTally {
  readonly counts: ImportCounts = { records: 0, events: 0, new: 0, alreadyImported: 0, rejected: 0, skipped: 0, errors: 0 };
  private readonly events = new Map<string, EventCount>();
  private readonly skips = new Map<SkipReason, { count: number; examples: { line: number; record: string }[] }>();
  private readonly facts = new Map<MatchField, Map<string, number>>();
  readonly errors: { line: number; message: string }[] = [];
  readonly preview: (IncomingEvent & { line: number })[] = [];

  record(): void {
    this.counts.records++;
  }

  skip(reason: SkipReason, line: number, record: string, facts?: MatchFacts): void {
    this.counts.skipped++;
    let entry = this.skips.get(reason);
    if (!entry) this.skips.set(reason, (entry = { count: 0, examples: [] }));
    entry.count++;
    if (entry.examples.length < 2) entry.examples.push({ line, record });
    if (reason !== "unmapped") return;
    for (const [field, value] of Object.entries(facts ?? {}) as [MatchField, string | null][]) {
      if (!value || field === "agentId" || field === "botId") continue;
      let values = this.facts.get(field);
      if (!values) this.facts.set(field, (values = new Map()));
      // Bounded: a file with endless distinct names keeps the first thousand.
      if (values.has(value) || values.size < 1000) values.set(value, (values.get(value) ?? 0) + 1);
    }
  }

  error(line: number, message: string): void {
    this.counts.errors++;
    if (this.errors.length < MAX_ERRORS) this.errors.push({ line, message });
  }

  /** A derived event, new or already stored. */
  event(event: IncomingEvent, isNew: boolean): void {
    this.counts.events++;
    this.counts[isNew ? "new" : "alreadyImported"]++;
    const key = `${event.workflow}\u0000${event.cohort}\u0000${event.type}`;
    let entry = this.events.get(key);
    if (!entry) this.events.set(key, (entry = { workflow: event.workflow, cohort: event.cohort, type: event.type, new: 0, alreadyImported: 0 }));
    entry[isNew ? "new" : "alreadyImported"]++;
  }

  wantsPreview(): boolean {
    return this.preview.length < PREVIEW;
  }

  summary(head: Omit<ImportSummary, "counts" | "events" | "skipped" | "unmatched" | "errors" | "preview">): ImportSummary {
    const top = (values: Map<string, number>) =>
      [...values].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP).map(([value, count]) => ({ value, count }));
    return {
      ...head,
      counts: { ...this.counts },
      events: [...this.events.values()].sort((a, b) => a.workflow.localeCompare(b.workflow) || a.cohort.localeCompare(b.cohort) || a.type.localeCompare(b.type)),
      skipped: [...this.skips].map(([reason, s]) => ({ reason, label: SKIP_REASON_LABELS[reason], ...s })).sort((a, b) => b.count - a.count),
      unmatched: Object.fromEntries([...this.facts].map(([field, values]) => [field, top(values)])),
      errors: [...this.errors].sort((a, b) => a.line - b.line),
      preview: this.preview,
    };
  }
}
