// What the Data sources page says of each always-on source: connected or not and why, the last run and what it read,
// how far behind Microsoft it is, and the last error in words (PullError messages name no secret).
import type { Database } from "@/lib/db/database";
import { PULLABLE_TYPES } from "@/lib/contract/sources";
import type { SourceType } from "@/lib/contract/vocabulary";
import { readSources } from "@/lib/db/queries/readSources";
import { readSourcePulls } from "@/lib/db/queries/readSourcePulls";
import { readJob } from "@/lib/db/queries/readJob";
import { missingM365Settings } from "./config";
import { PULL_PROBLEMS, type PullProblem } from "./errors";
import { pullJobName } from "./jobs";

export interface PullStatus {
  source: string;
  type: SourceType;
  /** The pull block's interval; null for a source that pulls only on `tollgate pull`. */
  every: string | null;
  connected: boolean;
  /** Why it is not connected (or has not pulled yet), in words. */
  why: string | null;
  lastRunAt: string | null;
  nextRunAt: string | null;
  lastOutcome: "ok" | "failed" | null;
  lastError: string | null;
  records: number | null;
  newEvents: number | null;
  alreadyImported: number | null;
  skippedBy: Record<string, number>;
  /** Records of the last run that could not be read. */
  unreadable: number;
  /** What could not be fetched in the last run (a blob that is not JSON, one that expired), the first five. */
  problems: string[];
  /** Now − the watermark: how far behind Microsoft the source is. */
  behindMs: number | null;
  newestRecordAt: string | null;
}

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

export async function pullStatuses(db: Database, now = new Date(), env: Record<string, string | undefined> = process.env): Promise<PullStatus[]> {
  const missing = missingM365Settings(env);
  const states = await readSourcePulls(db.sql);
  const sources = (await readSources(db)).filter((s) => s.pull !== undefined && PULLABLE_TYPES.includes(s.type));
  return Promise.all(
    sources.map(async (source): Promise<PullStatus> => {
      const state = states.get(source.key);
      const job = await readJob(db.sql, pullJobName(source.key));
      const counts = state?.lastCounts ?? null;
      const number = (key: string) => (typeof counts?.[key] === "number" ? (counts[key] as number) : null);
      let why: string | null = null;
      if (missing.length) why = `not connected: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set`;
      else if (state?.lastOutcome === "failed") why = `${state.problem ? PULL_PROBLEMS[state.problem as PullProblem] ?? state.problem : "failed"}: ${state.lastError ?? "see the server log"}`;
      else if (!state?.lastRunAt) why = "configured; the first pull has not run yet";
      return {
        source: source.key,
        type: source.type,
        every: source.pull?.every ?? null,
        connected: missing.length === 0 && state?.lastOutcome === "ok",
        why,
        lastRunAt: iso(state?.lastRunAt),
        nextRunAt: iso(job?.nextRunAt),
        lastOutcome: state?.lastOutcome ?? null,
        lastError: state?.lastError ?? null,
        records: number("records"),
        newEvents: number("new"),
        alreadyImported: number("alreadyImported"),
        skippedBy: (counts?.skippedBy as Record<string, number> | undefined) ?? {},
        unreadable: number("errors") ?? 0,
        problems: Array.isArray(counts?.problems) ? (counts.problems as unknown[]).filter((p): p is string => typeof p === "string") : [],
        behindMs: state?.watermark ? Math.max(0, now.getTime() - state.watermark.getTime()) : null,
        newestRecordAt: iso(state?.newestRecordAt),
      };
    }),
  );
}
