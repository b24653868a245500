// What newly stored events add to the rollups, and the statements that add it. Ingestion applies these in the
// same transaction as the events it inserted; `tollgate rollups rebuild` replays every stored event through them.
import { addOnConflict, bulkInsertAll, skipOnConflict, type BulkInsert } from "@/lib/db/bulk";
import { DAILY_COUNTERS } from "@/lib/db/dailyCounters";
import type { Param, SqlExecutor } from "@/lib/db/sql";
import { sketchBucket } from "@/lib/metrics/sketch";
import { weekStart } from "@/lib/time";
import type { StoredEvent } from "./normalize";

type DailyCounter = (typeof DAILY_COUNTERS)[number];

const VERDICT_COUNTER: Record<string, DailyCounter> = {
  accepted: "accepted",
  light_edit: "lightEdits",
  heavy_edit: "heavyEdits",
  rejected: "rejected",
};
/** The same for reviews of the random sample, which are counted twice: among all reviews and apart. */
const SAMPLED_VERDICT_COUNTER: Record<string, DailyCounter> = {
  accepted: "sampledAccepted",
  light_edit: "sampledLightEdits",
  heavy_edit: "sampledHeavyEdits",
  rejected: "sampledRejected",
};

interface TaskStart {
  workflow: string;
  cohort: string;
  taskId: string;
  startedAt: Date;
  startDay: string;
  agentVersion: string;
  escalations: number;
}

export interface RollupDeltas {
  daily: Map<string, { key: [string, string, string, string]; counts: Record<DailyCounter, number>; lastEventAt: Date }>;
  categories: Map<string, { key: Param[]; count: number }>;
  durations: Map<string, { key: Param[]; count: number }>;
  durationWeeks: Map<string, { key: Param[]; count: number }>;
  manualBaseline: Map<string, { key: Param[]; count: number }>;
  tasks: Map<string, TaskStart>;
  actorDays: Map<string, Param[]>;
  actorWeeks: Map<string, Param[]>;
}

const SEP = "\u0000";

function bump(map: Map<string, { key: Param[]; count: number }>, key: Param[]): void {
  const id = key.join(SEP);
  const entry = map.get(id);
  if (entry) entry.count += 1;
  else map.set(id, { key, count: 1 });
}

export function rollupDeltas(events: readonly StoredEvent[]): RollupDeltas {
  const deltas: RollupDeltas = {
    daily: new Map(),
    categories: new Map(),
    durations: new Map(),
    durationWeeks: new Map(),
    manualBaseline: new Map(),
    tasks: new Map(),
    actorDays: new Map(),
    actorWeeks: new Map(),
  };
  const weeks = new Map<string, string>();
  for (const event of events) {
    const { workflow, cohort, day, agentVersion } = event;
    let week = weeks.get(day);
    if (week === undefined) weeks.set(day, (week = weekStart(day)));
    const dailyId = [workflow, cohort, day, agentVersion].join(SEP);
    let daily = deltas.daily.get(dailyId);
    if (!daily) {
      daily = {
        key: [workflow, cohort, day, agentVersion],
        counts: Object.fromEntries(DAILY_COUNTERS.map((c) => [c, 0])) as Record<DailyCounter, number>,
        lastEventAt: event.occurredAt,
      };
      deltas.daily.set(dailyId, daily);
    } else if (event.occurredAt > daily.lastEventAt) {
      daily.lastEventAt = event.occurredAt;
    }
    const counts = daily.counts;
    switch (event.type) {
      case "output":
        counts.outputs += 1;
        break;
      case "review":
        counts.reviews += 1;
        counts[VERDICT_COUNTER[event.verdict!]!] += 1;
        if (event.sampled) {
          counts.sampledReviews += 1;
          counts[SAMPLED_VERDICT_COUNTER[event.verdict!]!] += 1;
        }
        if (event.errorCategory) bump(deltas.categories, [workflow, cohort, day, agentVersion, "review", event.errorCategory, 0]);
        break;
      case "escalation":
        counts.escalations += 1;
        break;
      case "completion":
        counts[event.mode === "agent" ? "agentCompletions" : "manualCompletions"] += 1;
        {
          const bucket = sketchBucket(event.durationMs!);
          bump(deltas.durations, [workflow, cohort, day, agentVersion, event.mode!, bucket]);
          bump(deltas.durationWeeks, [workflow, cohort, week, agentVersion, event.mode!, bucket]);
          if (event.mode === "manual") bump(deltas.manualBaseline, [workflow, cohort, bucket]);
        }
        break;
      case "incident":
        counts.incidents += 1;
        bump(deltas.categories, [workflow, cohort, day, agentVersion, "incident", event.category!, event.severity!]);
        break;
      case "feedback":
        if (event.rating !== null) counts[event.rating === "positive" ? "feedbackPositive" : "feedbackNegative"] += 1;
        else {
          counts.csatResponses += 1;
          counts.csatSum += event.score!;
          counts.csatSumSquares += event.score! * event.score!;
        }
        break;
    }
    if (event.type === "output" || event.type === "escalation") {
      const taskId = [workflow, cohort, event.taskId].join(SEP);
      const task = deltas.tasks.get(taskId);
      const escalations = event.type === "escalation" ? 1 : 0;
      if (!task) {
        deltas.tasks.set(taskId, { workflow, cohort, taskId: event.taskId, startedAt: event.occurredAt, startDay: day, agentVersion, escalations });
      } else {
        task.escalations += escalations;
        if (event.occurredAt < task.startedAt) Object.assign(task, { startedAt: event.occurredAt, startDay: day, agentVersion });
      }
    }
    if (event.actor) {
      const dayKey = [workflow, cohort, day, agentVersion, event.actor];
      deltas.actorDays.set(dayKey.join(SEP), dayKey);
      const weekKey = [workflow, cohort, week, agentVersion, event.actor];
      deltas.actorWeeks.set(weekKey.join(SEP), weekKey);
    }
  }
  return deltas;
}

// Sorted keys give concurrent Postgres transactions one lock order, which keeps them from deadlocking.
function sortedValues<V>(map: Map<string, V>): V[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}

/** A table of keys alone (an actor active on a day or in a week): inserted once, never changed. */
function keysInsert(table: string, keys: readonly string[], rows: Map<string, Param[]>): BulkInsert {
  return { table, columns: keys, rows: sortedValues(rows), onConflict: skipOnConflict(keys) };
}

/** A counter table: one row per key, its count added to the stored one. */
function countsInsert(table: string, keys: readonly string[], counts: Map<string, { key: Param[]; count: number }>): BulkInsert {
  return {
    table,
    columns: [...keys, "count"],
    rows: sortedValues(counts).map(({ key, count }) => [...key, count]),
    onConflict: addOnConflict(table, keys, ["count"]),
  };
}

// A late event can move a task's start earlier; the start day and agent version follow the earliest event.
const EARLIER = `excluded."startedAt" < "Task"."startedAt"`;
const TASK_ON_CONFLICT =
  `ON CONFLICT ("workflow", "cohort", "taskId") DO UPDATE SET ` +
  `"startDay" = CASE WHEN ${EARLIER} THEN excluded."startDay" ELSE "Task"."startDay" END, ` +
  `"agentVersion" = CASE WHEN ${EARLIER} THEN excluded."agentVersion" ELSE "Task"."agentVersion" END, ` +
  `"startedAt" = CASE WHEN ${EARLIER} THEN excluded."startedAt" ELSE "Task"."startedAt" END, ` +
  `"escalations" = "Task"."escalations" + excluded."escalations"`;
const DAILY_KEYS = ["workflow", "cohort", "day", "agentVersion"];

/**
 * Adds the deltas. Concurrent writers (Postgres groups, other instances) wait for each other's row locks on shared
 * rows until commit, so on Postgres every table's insert goes in one statement (bulkInsertAll): one round trip from
 * the first lock to the commit. Every writer sends the tables in this order and the rows in key order, so two of
 * them never wait for each other in a cycle.
 */
export async function applyRollups(tx: SqlExecutor, deltas: RollupDeltas): Promise<void> {
  await bulkInsertAll(tx, [
    keysInsert("ActorDay", ["workflow", "cohort", "day", "agentVersion", "actor"], deltas.actorDays),
    keysInsert("ActorWeek", ["workflow", "cohort", "week", "agentVersion", "actor"], deltas.actorWeeks),
    {
      table: "Task",
      columns: ["workflow", "cohort", "taskId", "startedAt", "startDay", "agentVersion", "escalations"],
      rows: sortedValues(deltas.tasks).map((t) => [t.workflow, t.cohort, t.taskId, t.startedAt, t.startDay, t.agentVersion, t.escalations]),
      onConflict: TASK_ON_CONFLICT,
    },
    countsInsert("CategoryRollup", ["workflow", "cohort", "day", "agentVersion", "source", "category", "severity"], deltas.categories),
    countsInsert("DurationRollup", ["workflow", "cohort", "day", "agentVersion", "mode", "bucket"], deltas.durations),
    countsInsert("DurationWeek", ["workflow", "cohort", "week", "agentVersion", "mode", "bucket"], deltas.durationWeeks),
    countsInsert("ManualBaseline", ["workflow", "cohort", "bucket"], deltas.manualBaseline),
    {
      table: "DailyRollup",
      columns: [...DAILY_KEYS, ...DAILY_COUNTERS, "lastEventAt"],
      rows: sortedValues(deltas.daily).map(({ key, counts, lastEventAt }) => [...key, ...DAILY_COUNTERS.map((c) => counts[c]), lastEventAt]),
      onConflict:
        addOnConflict("DailyRollup", DAILY_KEYS, DAILY_COUNTERS) +
        `, "lastEventAt" = CASE WHEN excluded."lastEventAt" > "DailyRollup"."lastEventAt" THEN excluded."lastEventAt" ELSE "DailyRollup"."lastEventAt" END`,
    },
  ]);
}
