// `tollgate rollups rebuild`: recomputes every rollup from the raw events in one transaction, in the timezone
// given (which then becomes the installation's), so readers see either the old rollups or the new ones.
import { appendAuditSql, cliActor, type Actor } from "@/lib/audit/audit";
import type { Database } from "@/lib/db/database";
import { localDay } from "@/lib/time";
import type { Progress } from "@/lib/cli/progress";
import type { StoredEvent } from "./normalize";
import { applyRollups, rollupDeltas } from "./rollups";
import { EVENT_COLUMNS } from "./groupCommit";
import { readWriteSettings } from "@/lib/db/watermark";
import { renewRollupsGeneration } from "@/lib/db/rollupsGeneration";
import { UserFacingError } from "@/lib/errors";

export const ROLLUP_TABLES = [
  "DailyRollup",
  "CategoryRollup",
  "DurationRollup",
  "DurationWeek",
  "ManualBaseline",
  "Task",
  "TaskDay",
  "ActorDay",
  "ActorWeek",
] as const;
const PAGE = 5000;

type EventRow = Record<(typeof EVENT_COLUMNS)[number], unknown>;

function storedEvent(row: EventRow): StoredEvent {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    id: String(row.id),
    type: row.type as StoredEvent["type"],
    workflow: String(row.workflow),
    cohort: String(row.cohort),
    taskId: String(row.taskId),
    occurredAt: new Date(row.occurredAt as string | Date),
    day: String(row.day),
    actor: text(row.actor),
    agentVersion: String(row.agentVersion),
    outputKind: text(row.outputKind),
    verdict: text(row.verdict),
    errorCategory: text(row.errorCategory),
    reason: text(row.reason),
    mode: text(row.mode),
    durationMs: row.durationMs === null ? null : Number(row.durationMs),
    category: text(row.category),
    severity: row.severity === null ? null : Number(row.severity),
    rating: text(row.rating),
    score: row.score === null || row.score === undefined ? null : Number(row.score),
    properties: text(row.properties),
    sampled: row.sampled === true || row.sampled === 1,
    queueReview: null,
    content: null,
  };
}

/** A rebuild after a retention purge would lose the purged events' counts, which now live only in the rollups. */
export class PurgedEventsError extends UserFacingError {
  constructor(watermark: Date) {
    super(
      `Raw events before ${watermark.toISOString()} were deleted by retention; their counts live only in the rollups, so ` +
        "rebuilding from the raw events would lose them. To rebuild (for example in a new timezone), restore a backup " +
        "taken before the first purge.",
    );
  }
}

export async function rebuildRollups(db: Database, timezone: string, report?: Progress, actor: Actor = cliActor()): Promise<{ events: number; daysMoved: number }> {
  return db.sql.transaction(async (tx) => {
    const { watermark } = await readWriteSettings(tx);
    if (watermark) throw new PurgedEventsError(watermark);
    const [previous] = await tx.query<{ value: string }>(`SELECT "value" FROM "Setting" WHERE "key" = 'timezone'`);
    for (const table of ROLLUP_TABLES) await tx.execute(`DELETE FROM "${table}"`);
    // Rows deleted here may not come back (another timezone, other days): what ingestion knew of them is void.
    await renewRollupsGeneration(tx);
    // Pages in primary-key order, (workflow, id), each starting after the last event of the one before.
    let after = { workflow: "", id: "" };
    let events = 0;
    let daysMoved = 0;
    for (;;) {
      const rows = await tx.query<EventRow>(
        `SELECT ${EVENT_COLUMNS.map((c) => `"${c}"`).join(", ")} FROM "Event"
         WHERE "workflow" > ? OR ("workflow" = ? AND "id" > ?) ORDER BY "workflow", "id" LIMIT ${PAGE}`,
        [after.workflow, after.workflow, after.id],
      );
      if (rows.length === 0) break;
      const page = rows.map(storedEvent);
      for (const event of page) {
        const day = localDay(event.occurredAt, timezone);
        if (day !== event.day) {
          await tx.execute(`UPDATE "Event" SET "day" = ? WHERE "workflow" = ? AND "id" = ?`, [day, event.workflow, event.id]);
          event.day = day;
          daysMoved++;
        }
      }
      await applyRollups(tx, rollupDeltas(page));
      events += page.length;
      after = page.at(-1)!;
      report?.update(events, `${events} events`);
    }
    await tx.execute(`UPDATE "Setting" SET "value" = ? WHERE "key" = 'timezone'`, [timezone]);
    // Every figure Tollgate shows is recomputed here, so the trail says when, by whom, and in which zone.
    await appendAuditSql(tx, actor, { action: "rollups.rebuild", target: "rollups", before: { timezone: previous?.value ?? null }, after: { timezone, events, daysMoved } });
    report?.finish(`${events} events`);
    return { events, daysMoved };
  });
}
