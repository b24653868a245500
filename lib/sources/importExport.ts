// Imports one export file through a source: parse (streaming) → look the batch's people up in the directory →
// derive (pure), all in lib/sources/read → ingestBatch here, the same contract, dedupe and transaction as the API.
// Events are stored batch by batch, so an import stopped half-way keeps what it stored and a rerun adds only the rest (ids derive from the
// source's own ids). A dry run reads and derives everything and stores nothing. A pull (lib/sources/pull) hands in
// the records it fetched instead of a file, and goes through the same derivation, ingestion and history.
import crypto from "node:crypto";
import path from "node:path";
import type { Database } from "@/lib/db/database";
import { installationSettings } from "@/lib/db/settings";
import type { IncomingEvent } from "@/lib/contract/event";
import type { SourceInput } from "@/lib/contract/sources";
import type { InputFormat, SourceType } from "@/lib/contract/vocabulary";
import { appendAuditSql, type Actor } from "@/lib/audit/audit";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { eventKey } from "@/lib/ingest/identity";
import { pseudonymizeActor } from "@/lib/ingest/normalize";
import { InvalidParameterError, UserFacingError } from "@/lib/errors";
import { readSources } from "@/lib/db/queries/readSources";
import { readExistingEventIds } from "@/lib/db/queries/readExistingEventIds";
import { startSourceImport } from "@/lib/db/queries/startSourceImport";
import { finishSourceImport } from "@/lib/db/queries/finishSourceImport";
import { alertSourceFailure } from "@/lib/alerts/outbox";
import type { Parsed, RecordOf } from "./formats";
import { newNotes, noteVariant } from "./formats/detect";
import { readExport, readRecords, type DirectoryStore, type ExportInput, type Measure, type Reading } from "./read";
import { SummaryTally, type ImportSummary } from "./summary";

/** Records a pull fetched, already parsed, with what the history says of them in place of a file's hash. */
export interface PulledRecords {
  items: AsyncIterable<Parsed<RecordOf[SourceType]>>;
  /** Where they came from, e.g. "Management Activity API". */
  variant: string;
  /** The bytes fetched so far, and their SHA-256 and size once every item has been read. */
  measure: Measure;
}

export interface ImportRequest {
  /** The source's key in the program, or the source itself when the caller has read it already (a pull). */
  source: string | SourceInput;
  /** The export file's bytes, as a stream (an upload)… */
  bytes?: AsyncIterable<Uint8Array | string>;
  /** …or its path on this machine (the CLI): a large file is then read by the reading thread itself… */
  file?: string;
  /** …or the records a pull fetched. */
  pulled?: PulledRecords;
  fileName: string;
  dryRun?: boolean;
  /** Overrides the format told from the content. */
  format?: InputFormat;
  actor: Actor;
  now?: Date;
  onProgress?: (progress: { bytes: number; records: number }) => void;
  /** Events stored per transaction (default 10,000). */
  eventsPerBatch?: number;
  /** Files from this size on are read on a thread of their own (default lib/sources/read THREAD_FROM_BYTES). */
  threadFromBytes?: number;
  /** Whether a failure alerts (source.failing); default always. A pull alerts when a source starts failing. */
  alertsFailure?: (error: UserFacingError) => boolean;
}

/** Purview's portal export stops at these many rows (Audit Standard, Audit Premium). */
const ROW_CAPS = [50_000, 100_000];
/**
 * Events stored per ingestBatch call: each call is a commit (a disk sync on SQLite), so an import uses larger
 * batches than the API allows one request. Held in memory until stored. Small enough for a reading thread's batches
 * ahead (lib/sources/read/thread.ts: 4,000 records, about 6,000 events) to hold one store's worth, so the thread
 * reads on through a store instead of waiting for it to finish; 100,000 Purview records in file mode: 15,515–16,858
 * records/s and 424–425 MB peak RSS, against 12,577–13,691 and 415–498 with 10,000.
 */
const EVENT_BATCH = 5_000;

/** The program's source `key`; an unknown key is refused, naming the program's sources. */
export async function sourceByKey(db: Database, key: string): Promise<SourceInput> {
  const sources = await readSources(db);
  const source = sources.find((s) => s.key === key);
  if (source) return source;
  const known = sources.length ? `the program's sources are ${sources.map((s) => s.key).join(", ")}` : "add one under sources in program.json";
  throw new InvalidParameterError("source", `unknown source "${key}"; ${known}`);
}

export async function importFromSource(db: Database, request: ImportRequest): Promise<ImportSummary> {
  const now = request.now ?? new Date();
  const dryRun = request.dryRun ?? false;
  const source = typeof request.source === "string" ? await sourceByKey(db, request.source) : request.source;
  const { actorSecret } = await installationSettings(db);
  const fileName = path.basename(request.fileName) || "upload";
  const tally = new SummaryTally();

  const importId = crypto.randomUUID();
  if (!dryRun) await startSourceImport(db, { id: importId, source: source.key, fileName, actor: `${request.actor.type}:${request.actor.name}`, startedAt: now });
  let pending: { line: number; event: IncomingEvent }[] = [];

  const storeEvents = async () => {
    const batch = pending;
    pending = [];
    const rejected = new Map<number, string>();
    // A real import learns what is new from what ingestion stored; a dry run, which stores nothing, asks the store.
    let isNew: (index: number) => boolean;
    if (dryRun) {
      const existing = await existingKeys(db, batch.map((p) => p.event));
      const seen = new Set<string>();
      isNew = (index) => {
        // An id is unique within its workflow (lib/ingest/identity.ts), so new and seen go by identity.
        const key = eventKey(batch[index]!.event);
        const fresh = !existing.has(key) && !seen.has(key);
        seen.add(key);
        return fresh;
      };
    } else {
      const result = await ingestBatch(db, batch.map((p) => p.event), { now });
      for (const r of result.rejected) rejected.set(r.index, r.errors.map((e) => `${e.path.replace(/^events\[\d+\]\.?/, "")}: ${e.message}`).join("; "));
      const stored = new Set(result.stored);
      isNew = (index) => stored.has(index);
    }
    batch.forEach(({ line, event }, index) => {
      const refusal = rejected.get(index);
      if (refusal !== undefined) {
        tally.counts.rejected++;
        tally.error(line, `event ${event.id} was refused: ${refusal}`);
        return;
      }
      tally.event(event, isNew(index));
      if (tally.wantsPreview()) tally.preview.push({ ...event, ...(event.actor ? { actor: pseudonymizeActor(event.actor, actorSecret) } : {}), line });
    });
  };

  try {
    const reading = await read(request, source, { url: db.url, sql: db.sql, secret: actorSecret });
    for await (const outcomes of reading.batches) {
      request.onProgress?.({ bytes: reading.bytesRead(), records: tally.counts.records + outcomes.length });
      for (const outcome of outcomes) {
        tally.record();
        if ("error" in outcome) tally.error(outcome.line, outcome.error);
        else if ("skip" in outcome) tally.skip(outcome.skip, outcome.line, outcome.label, outcome.facts);
        else for (const event of outcome.events) pending.push({ line: outcome.line, event });
      }
      if (pending.length >= (request.eventsPerBatch ?? EVENT_BATCH)) await storeEvents();
    }
    if (pending.length) await storeEvents();
    const opened = reading.finished();

    const warnings: string[] = [];
    if (source.type === "purview-audit" && opened.format === "csv" && ROW_CAPS.includes(opened.notes.csvRows)) {
      warnings.push(
        `The file has exactly ${opened.notes.csvRows.toLocaleString("en-US")} data rows, Purview's export limit: it was probably cut off. ` +
          "Export shorter time ranges and import each of them (overlaps are not counted twice).",
      );
    }
    if (tally.counts.records === 0 && !request.pulled) warnings.push("The file holds no records.");
    const summary = tally.summary({
      source: source.key,
      type: source.type,
      fileName,
      ...opened.digest,
      dryRun,
      format: opened.format,
      variants: [...opened.notes.variants],
      warnings,
    });
    if (!dryRun) {
      const counts = { ...summary.counts, events: summary.events };
      await db.sql.transaction(async (tx) => {
        await finishSourceImport(tx, importId, { sha256: summary.sha256, finishedAt: new Date(), counts });
        await appendAuditSql(tx, request.actor, {
          action: request.pulled ? "source.pull" : "source.import",
          target: source.key,
          after: { fileName, sha256: summary.sha256, bytes: summary.bytes, ...summary.counts },
        });
      });
    }
    return summary;
  } catch (error) {
    // The history says why an import failed when the reason is one a person can act on.
    if (!dryRun && error instanceof UserFacingError) {
      const failedAt = new Date();
      await db.sql.transaction(async (tx) => {
        await finishSourceImport(tx, importId, { sha256: null, finishedAt: failedAt, counts: { failed: error.message } });
        // In the same transaction as the history row, so the alert cannot be lost or sent for a failure not recorded.
        if (request.alertsFailure?.(error) ?? true) await alertSourceFailure(tx, { source: source.key, workflow: source.workflow ?? null, error: error.message, failedAt, page: "/admin/sources" });
      });
    }
    throw error;
  }
}

/** The identities (lib/ingest/identity.ts) of these events that the store holds already. */
async function existingKeys(db: Database, events: readonly IncomingEvent[]): Promise<Set<string>> {
  const idsByWorkflow = new Map<string, string[]>();
  for (const event of events) {
    const ids = idsByWorkflow.get(event.workflow);
    if (ids) ids.push(event.id);
    else idsByWorkflow.set(event.workflow, [event.id]);
  }
  const existing = new Set<string>();
  for (const [workflow, ids] of idsByWorkflow) for (const id of await readExistingEventIds(db.sql, workflow, ids)) existing.add(eventKey({ workflow, id }));
  return existing;
}

/** A pull's fetched records, or the file. */
async function read(request: ImportRequest, source: SourceInput, directory: DirectoryStore): Promise<Reading> {
  if (request.pulled) {
    const notes = newNotes();
    noteVariant(notes, request.pulled.variant);
    return readRecords(source.type, { format: "json", notes, items: request.pulled.items }, source, directory, request.pulled.measure);
  }
  const input: ExportInput = request.file === undefined ? { stream: request.bytes ?? (async function* () {})() } : { file: request.file };
  return readExport(source.type, input, request.format, source, directory, request.threadFromBytes);
}
