import type { SqlExecutor } from "@/lib/db/sql";

export interface RolloutVerdictState {
  workflow: string;
  cohort: string;
  verdict: string;
  /** regressionKey of each drift regression the evaluation showed. */
  regressions: string[];
  events: number;
  week: string;
  changes: number;
}

/** Each rollout's last re-evaluated verdict, by "workflow/cohort". */
export async function readRolloutVerdicts(tx: SqlExecutor): Promise<Map<string, RolloutVerdictState>> {
  const rows = await tx.query<Omit<RolloutVerdictState, "regressions" | "events"> & { regressions: string; events: number | string }>(
    `SELECT "workflow", "cohort", "verdict", "regressions", "events", "week", "changes" FROM "RolloutVerdict"`,
  );
  return new Map(
    rows.map((row) => [`${row.workflow}/${row.cohort}`, { ...row, regressions: JSON.parse(row.regressions) as string[], events: Number(row.events) }]),
  );
}
