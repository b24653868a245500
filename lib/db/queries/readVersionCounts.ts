import type { SqlExecutor } from "@/lib/db/sql";
import type { VersionCounts } from "@/lib/gates/drift";
import { rollupWhere, type RollupFilter } from "./rollupFilter";

/** Review and task counts per agent version in the window: the inputs of the drift check. */
export async function readVersionCounts(tx: SqlExecutor, filter: RollupFilter): Promise<VersionCounts[]> {
  const where = rollupWhere(filter);
  const reviews = await tx.query<Record<string, unknown>>(
    `SELECT "agentVersion", SUM("reviews") AS "reviews", SUM("accepted") AS "accepted", SUM("lightEdits") AS "lightEdits", ` +
      `SUM("heavyEdits") AS "heavyEdits", SUM("rejected") AS "rejected" FROM "DailyRollup" WHERE ${where.sql} GROUP BY "agentVersion"`,
    where.params,
  );
  const tasks = await tx.query<Record<string, unknown>>(
    `SELECT "agentVersion", SUM("tasks") AS "tasks", SUM("escalatedTasks") AS "escalatedTasks" FROM "TaskDay" WHERE ${where.sql} GROUP BY "agentVersion"`,
    where.params,
  );
  const byVersion = new Map<string, VersionCounts>();
  const entry = (version: string) => {
    let counts = byVersion.get(version);
    if (!counts) {
      counts = { version, reviews: 0, accepted: 0, lightEdits: 0, heavyEdits: 0, rejected: 0, tasks: 0, escalatedTasks: 0 };
      byVersion.set(version, counts);
    }
    return counts;
  };
  for (const row of reviews) {
    Object.assign(entry(String(row.agentVersion)), {
      reviews: Number(row.reviews),
      accepted: Number(row.accepted),
      lightEdits: Number(row.lightEdits),
      heavyEdits: Number(row.heavyEdits),
      rejected: Number(row.rejected),
    });
  }
  for (const row of tasks) Object.assign(entry(String(row.agentVersion)), { tasks: Number(row.tasks), escalatedTasks: Number(row.escalatedTasks) });
  return [...byVersion.values()];
}
