import type { SqlExecutor } from "@/lib/db/sql";
import type { Phase } from "@/lib/contract/vocabulary";

interface RolloutState {
  phase: Phase;
  baselineCycleTimeP50Ms: number | null;
}

/** A rollout's phase and configured baseline; null when the pair has no row (it is then in the pilot phase). */
export async function readRollout(tx: SqlExecutor, workflow: string, cohort: string): Promise<RolloutState | null> {
  const [row] = await tx.query<{ phase: Phase; baselineCycleTimeP50Ms: unknown }>(
    `SELECT "phase", "baselineCycleTimeP50Ms" FROM "Rollout" WHERE "workflow" = ? AND "cohort" = ?`,
    [workflow, cohort],
  );
  if (!row) return null;
  return { phase: row.phase, baselineCycleTimeP50Ms: row.baselineCycleTimeP50Ms === null ? null : Number(row.baselineCycleTimeP50Ms) };
}
