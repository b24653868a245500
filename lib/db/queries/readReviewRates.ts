import type { SqlExecutor } from "@/lib/db/sql";

export interface StoredReviewRates {
  rate: number;
  doubleRate: number;
  /** The rollout's start (local date), which bounds the weeks left in its first gate window. */
  startedAt: string | null;
}

/** The review rates of the rollouts that sample outputs, keyed "workflow/cohort" (tens of rows, read in the ingestion transaction). */
export async function readReviewRates(tx: SqlExecutor): Promise<Map<string, StoredReviewRates>> {
  const rows = await tx.query<{ workflow: string; cohort: string; reviewRate: number | string; reviewDoubleRate: number | string | null; startedAt: string | null }>(
    `SELECT "workflow", "cohort", "reviewRate", "reviewDoubleRate", "startedAt" FROM "Rollout" WHERE "reviewRate" > 0`,
  );
  return new Map(
    rows.map((r) => [`${r.workflow}/${r.cohort}`, { rate: Number(r.reviewRate), doubleRate: Number(r.reviewDoubleRate ?? 0), startedAt: r.startedAt }]),
  );
}
