// The retention phase: how fast the daily purge deletes raw events. This is the figure that decides whether monthly
// partitions of the event table (retention by dropping a partition instead of deleting rows) pay; docs/scaling.md
// works it out per tenant size.
import type { Database } from "@/lib/db/database";
import { DEFAULT_DEMO_WEEKS } from "@/lib/demo/generate";
import { readRetentionDays, runRetention } from "@/lib/retention/retention";

/** The oldest weeks of the demo period the phase purges: about a sixth of the events, enough rows for a steady rate. */
export const PURGED_WEEKS = 2;

export interface RetentionFigures {
  deleted: number;
  seconds: number;
  eventsPerSecond: number;
}

const DAY_MS = 86_400_000;

/**
 * Runs retention as if its clock stood where the configured period ends PURGED_WEEKS into the demo data, so it
 * deletes those weeks' events the way the daily job does (batched transactions, the watermark, the audit record).
 */
export async function benchRetention(db: Database, end: Date): Promise<RetentionFigures> {
  const days = await readRetentionDays(db);
  const cutoff = end.getTime() - (DEFAULT_DEMO_WEEKS - PURGED_WEEKS) * 7 * DAY_MS;
  const started = performance.now();
  const run = await runRetention(db, { type: "cli", name: "bench", source: "cli" }, { now: new Date(cutoff + days * DAY_MS) });
  const seconds = (performance.now() - started) / 1000;
  return { deleted: run.total, seconds, eventsPerSecond: run.total / seconds };
}
