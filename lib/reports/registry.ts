// The registry as pages show it: the workflows a picker or the navigation lists, and one rollout with its workflow
// and cohort.
import type { Database } from "@/lib/db/database";
import { listRollouts, type RolloutRow } from "@/lib/db/queries/listRollouts";

export { listWorkflowOptions } from "@/lib/db/queries/listWorkflowOptions";
export type { RolloutRow };

/** The rollout of a workflow in a cohort; null when the registry has none. */
export async function findRollout(db: Database, workflow: string, cohort: string): Promise<RolloutRow | null> {
  return (await listRollouts(db.sql)).find((r) => r.workflow === workflow && r.cohort === cohort) ?? null;
}
