import type { SqlExecutor } from "@/lib/db/sql";
import type { RolloutVerdictState } from "./readRolloutVerdicts";

/** Records a rollout's re-evaluated verdict. */
export async function saveRolloutVerdict(tx: SqlExecutor, state: RolloutVerdictState, evaluatedAt: Date): Promise<void> {
  await tx.execute(
    `INSERT INTO "RolloutVerdict" ("workflow", "cohort", "verdict", "regressions", "events", "week", "changes", "evaluatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("workflow", "cohort") DO UPDATE SET "verdict" = excluded."verdict", "regressions" = excluded."regressions",
       "events" = excluded."events", "week" = excluded."week", "changes" = excluded."changes", "evaluatedAt" = excluded."evaluatedAt"`,
    [state.workflow, state.cohort, state.verdict, JSON.stringify(state.regressions), state.events, state.week, state.changes, evaluatedAt],
  );
}
