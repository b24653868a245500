// One pull of one source: fetch what Microsoft has since the source's watermark (less its trailing re-read window, for
// records written late), feed it through the file import (same parsers, derivation, ids and ingestBatch, so a record
// read twice is stored once), then commit the new watermark. The watermark is written only after the run's events are
// committed: a run that dies resumes from the last committed one and re-reads, storing nothing twice.
import type { Database } from "@/lib/db/database";
import { durationMs, PULLABLE_TYPES, type SourceInput } from "@/lib/contract/sources";
import type { SourceType } from "@/lib/contract/vocabulary";
import { systemActor, type Actor } from "@/lib/audit/audit";
import { InvalidParameterError, UserFacingError } from "@/lib/errors";
import { readSourcePulls, type SourcePullState } from "@/lib/db/queries/readSourcePulls";
import { saveSourcePull } from "@/lib/db/queries/saveSourcePull";
import { alertSourceFailure } from "@/lib/alerts/outbox";
import { importFromSource, sourceByKey } from "@/lib/sources/importExport";
import type { ImportSummary } from "@/lib/sources/summary";
import { newNotes } from "@/lib/sources/formats/detect";
import { purviewObjects } from "@/lib/sources/formats/purview";
import { transcriptObjectConversations } from "@/lib/sources/formats/transcripts";
import { auditTime } from "@/lib/sources/derive/purview";
import type { Parsed, RecordOf } from "@/lib/sources/formats";
import { m365Connection } from "./config";
import { PullError, type PullProblem } from "./errors";
import { Feed } from "./feed";
import { ApiClient, DEFAULT_RETRY, type RetryPolicy } from "./http";
import { ManagementFeed, RETENTION_MS } from "./management";
import { DataverseFeed } from "./dataverse";
import { TokenSource } from "./token";

const DAY = 24 * 3600 * 1000;
export const DEFAULT_TRAILING_MS = DAY;
/** Dataverse keeps transcripts 30 days by default: a first run reads that far back. */
const DATAVERSE_FIRST_RUN_MS = 30 * DAY;
/** A source that had records and read none for this long is reported (once per silence). */
export const QUIET_AFTER_MS = DAY;

export interface PullOptions {
  /** Read from here instead of the watermark (the first run reads all the API keeps). */
  since?: Date;
  now?: Date;
  env?: Record<string, string | undefined>;
  actor?: Actor;
  retry?: RetryPolicy;
  onProgress?: (progress: { done: number; total: number; records: number }) => void;
}

export interface PullSummary {
  source: string;
  from: string;
  to: string;
  /** The watermark committed at the end of the run. */
  watermark: string;
  requests: number;
  retries: number;
  /** Problems of the fetch itself (a blob that is not JSON, one that expired). */
  problems: string[];
  import: ImportSummary;
}

export const PULL_ACTOR = systemActor("pull");

/** The source `key`, refusing one that cannot pull. */
export async function pullableSource(db: Database, key: string): Promise<SourceInput> {
  const source = await sourceByKey(db, key);
  if (!PULLABLE_TYPES.includes(source.type)) throw new InvalidParameterError("source", `${key} is a ${source.type} source: Microsoft offers that export only as a download (use tollgate import --source)`);
  if (source.type === "copilot-studio-transcripts" && !source.dataverseUrl) throw new InvalidParameterError("source", `${key} has no dataverseUrl in program.json: name the Dataverse environment to pull from`);
  return source;
}

const trailingOf = (source: SourceInput) => (source.pull?.trailing ? durationMs(source.pull.trailing)! : DEFAULT_TRAILING_MS);

const emptyState = (source: string): SourcePullState => ({
  source,
  watermark: null,
  lastRunAt: null,
  lastOutcome: null,
  problem: null,
  lastError: null,
  lastCounts: null,
  lastRecordsAt: null,
  newestRecordAt: null,
  quietAlertedAt: null,
});

/** Runs one pull of `key` (the caller holds the source's lease: lib/sources/pull/jobs.ts). */
export async function pullSource(db: Database, key: string, options: PullOptions = {}): Promise<PullSummary> {
  const now = options.now ?? new Date();
  const source = await pullableSource(db, key);
  const previous = (await readSourcePulls(db.sql, key)).get(key) ?? emptyState(key);
  const failed = async (problem: PullProblem | null, message: string) =>
    saveSourcePull(db.sql, { ...previous, lastRunAt: now, lastOutcome: "failed", problem, lastError: message });

  let connection;
  try {
    connection = m365Connection(options.env);
  } catch (error) {
    if (error instanceof PullError) await failed(error.problem, error.message);
    throw error;
  }
  const tokens = new TokenSource(connection);
  const feed = new Feed();
  const purview = source.type === "purview-audit";
  const resource = purview ? connection.managementUrl : source.dataverseUrl!.replace(/\/+$/, "");
  const client = new ApiClient(tokens, resource, options.retry ?? DEFAULT_RETRY);

  const earliest = new Date(now.getTime() - (purview ? RETENTION_MS : DATAVERSE_FIRST_RUN_MS));
  let from = options.since ?? (previous.watermark ? new Date(previous.watermark.getTime() - trailingOf(source)) : earliest);
  if (purview && from < earliest) {
    // Microsoft keeps content 7 days: what fell out of that while no pull ran can only come from an export now.
    if (previous.watermark && previous.watermark < earliest && !options.since) {
      feed.problem(`The last pull read up to ${previous.watermark.toISOString()}; Microsoft keeps audit content 7 days, so records up to ${earliest.toISOString()} can no longer be pulled: import a Purview audit export for them.`);
    }
    from = earliest;
  }
  const to = now;

  // Assigned inside the generators below; the type is spelled out so the checks after them do not narrow it away.
  let newest = null as Date | null;
  let items: AsyncIterable<Parsed<RecordOf[SourceType]>>;
  let watermarkOf: () => Date;
  let progress: () => { done: number; total: number };
  if (purview) {
    const management = new ManagementFeed(client, connection.tenantId, feed);
    const records = purviewObjects(management.records(from, to), newNotes());
    items = (async function* () {
      for await (const item of records) {
        if ("record" in item) {
          const at = auditTime(item.record.audit.CreationTime);
          if (at && (!newest || at > newest)) newest = at;
        }
        yield item;
      }
    })();
    watermarkOf = () => to;
    progress = () => ({ done: management.progress.windowsDone, total: management.progress.windows });
  } else {
    const dataverse = new DataverseFeed(client, feed);
    items = transcriptObjectConversations(dataverse.records(from), newNotes());
    // Dataverse's clock decides what "modified after" means: the next run starts at the newest row it showed.
    watermarkOf = () => {
      newest = dataverse.progress.newestModifiedOn;
      return newest && (!previous.watermark || newest > previous.watermark) ? newest : (previous.watermark ?? from);
    };
    progress = () => ({ done: dataverse.progress.pages, total: dataverse.progress.pages + 1 });
  }

  let summary: ImportSummary;
  try {
    summary = await importFromSource(db, {
      source,
      pulled: { items, variant: purview ? "Management Activity API" : "Dataverse Web API", measure: feed },
      fileName: `pull ${from.toISOString().slice(0, 16)}Z → ${to.toISOString().slice(0, 16)}Z`,
      actor: options.actor ?? PULL_ACTOR,
      now,
      onProgress: ({ records }) => options.onProgress?.({ ...progress(), records }),
      // A failing source alerts when it starts failing, or fails for another reason, not at every run.
      alertsFailure: (error) => previous.lastOutcome !== "failed" || previous.problem !== (error instanceof PullError ? error.problem : null),
    });
  } catch (error) {
    const known = error instanceof UserFacingError;
    await failed(error instanceof PullError ? error.problem : null, known ? error.message : "The pull failed for a reason of Tollgate's own (see the server log).");
    throw error;
  }

  const watermark = watermarkOf();
  const records = summary.counts.records;
  const state: SourcePullState = {
    source: key,
    watermark,
    lastRunAt: now,
    lastOutcome: "ok",
    problem: null,
    lastError: null,
    lastCounts: { ...summary.counts, skippedBy: Object.fromEntries(summary.skipped.map((s) => [s.reason, s.count])), problems: feed.problems.slice(0, 5) },
    lastRecordsAt: records > 0 ? now : previous.lastRecordsAt,
    newestRecordAt: newest && (!previous.newestRecordAt || newest > previous.newestRecordAt) ? newest : previous.newestRecordAt,
    quietAlertedAt: previous.quietAlertedAt,
  };
  const quiet = records === 0 && state.lastRecordsAt !== null && now.getTime() - state.lastRecordsAt.getTime() >= QUIET_AFTER_MS;
  const alertQuiet = quiet && (state.quietAlertedAt === null || state.quietAlertedAt < state.lastRecordsAt!);
  await db.sql.transaction(async (tx) => {
    if (alertQuiet) {
      state.quietAlertedAt = now;
      const error = `No records for ${Math.floor((now.getTime() - state.lastRecordsAt!.getTime()) / DAY)} day(s) from a source that had them.`;
      await alertSourceFailure(tx, { source: key, workflow: source.workflow ?? null, error, failedAt: now, page: "/admin/sources" });
    }
    await saveSourcePull(tx, state);
  });
  const c = client.stats;
  return { source: key, from: from.toISOString(), to: to.toISOString(), watermark: watermark.toISOString(), requests: c.requests, retries: c.retries, problems: feed.problems, import: summary };
}
