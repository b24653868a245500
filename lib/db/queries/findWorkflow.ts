import type { SqlExecutor } from "@/lib/db/sql";
import type { Tier } from "@/lib/contract/vocabulary";

export interface WorkflowRow {
  key: string;
  name: string;
  tier: Tier;
  businessOwner: string;
  technicalOwner: string;
  successMetric: string;
  failureMode: string;
}

/** The workflow with the key, or null when the registry has none. */
export async function findWorkflow(tx: SqlExecutor, key: string): Promise<WorkflowRow | null> {
  const [row] = await tx.query<WorkflowRow>(
    `SELECT "key", "name", "tier", "businessOwner", "technicalOwner", "successMetric", "failureMode" FROM "Workflow" WHERE "key" = ?`,
    [key],
  );
  return row ?? null;
}
