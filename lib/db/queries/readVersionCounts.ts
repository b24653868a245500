import type { SqlExecutor } from "@/lib/db/sql";
import type { VersionCounts } from "@/lib/gates/drift";
import { periodKey, rolloutColumns, rollupWhere, type RollupFilter } from "./rollupFilter";

/**
 * Review and task counts per agent version in the window, the inputs of the drift check, keyed "" — or, with
 * perRollout, per rollout, keyed periodKey(rollout, "").
 */
export async function readVersionCounts(tx: SqlExecutor, filter: RollupFilter, perRollout = false): Promise<Map<string, VersionCounts[]>> {
  const where = rollupWhere(filter);
  const rollout = rolloutColumns({ perRollout });
  const reviews = await tx.query<Record<string, unknown>>(
    `SELECT "agentVersion", SUM("reviews") AS "reviews", SUM("accepted") AS "accepted", SUM("lightEdits") AS "lightEdits", ` +
      `SUM("heavyEdits") AS "heavyEdits", SUM("rejected") AS "rejected"${rollout} FROM "DailyRollup" WHERE ${where.sql} GROUP BY "agentVersion"${rollout}`,
    where.params,
  );
  const tasks = await tx.query<Record<string, unknown>>(
    `SELECT "agentVersion", SUM("tasks") AS "tasks", SUM("escalatedTasks") AS "escalatedTasks"${rollout} FROM "TaskDay" WHERE ${where.sql} GROUP BY "agentVersion"${rollout}`,
    where.params,
  );
  const byVersion = new Map<string, Map<string, VersionCounts>>();
  const entry = (row: Record<string, unknown>) => {
    const key = periodKey(perRollout ? { workflow: String(row.workflow), cohort: String(row.cohort) } : undefined, "");
    const version = String(row.agentVersion);
    let versions = byVersion.get(key);
    if (!versions) byVersion.set(key, (versions = new Map()));
    let counts = versions.get(version);
    if (!counts) {
      counts = { version, reviews: 0, accepted: 0, lightEdits: 0, heavyEdits: 0, rejected: 0, tasks: 0, escalatedTasks: 0 };
      versions.set(version, counts);
    }
    return counts;
  };
  for (const row of reviews) {
    Object.assign(entry(row), {
      reviews: Number(row.reviews),
      accepted: Number(row.accepted),
      lightEdits: Number(row.lightEdits),
      heavyEdits: Number(row.heavyEdits),
      rejected: Number(row.rejected),
    });
  }
  for (const row of tasks) Object.assign(entry(row), { tasks: Number(row.tasks), escalatedTasks: Number(row.escalatedTasks) });
  return new Map([...byVersion].map(([key, versions]) => [key, [...versions.values()]]));
}
