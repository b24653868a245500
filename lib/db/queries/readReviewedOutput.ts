import type { SqlExecutor } from "@/lib/db/sql";

export interface ReviewedOutput {
  cohort: string;
  taskId: string;
  agentVersion: string;
}

/** What a review event of the output repeats from it; null when the output is not stored (unknown, or purged by retention). */
export async function readReviewedOutput(tx: SqlExecutor, workflow: string, outputId: string): Promise<ReviewedOutput | null> {
  const [row] = await tx.query<ReviewedOutput>(
    `SELECT "cohort", "taskId", "agentVersion" FROM "Event" WHERE "workflow" = ? AND "id" = ? AND "type" = 'output'`,
    [workflow, outputId],
  );
  return row ?? null;
}
