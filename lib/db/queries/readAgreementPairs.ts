import type { SqlExecutor } from "@/lib/db/sql";
import type { Verdict } from "@/lib/contract/vocabulary";

/**
 * The two verdicts of each double-reviewed item of the workflow (and cohort) whose output occurred in [from, to),
 * the earlier verdict first; items with one verdict so far are left out.
 */
export async function readAgreementPairs(tx: SqlExecutor, scope: { workflow: string; cohort: string | null; from: Date; to: Date }): Promise<[Verdict, Verdict][]> {
  const { workflow, cohort, from, to } = scope;
  const rows = await tx.query<{ outputId: string; verdict: Verdict }>(
    `SELECT c."outputId", c."verdict" FROM "ReviewClaim" c
     JOIN "ReviewItem" i ON i."workflow" = c."workflow" AND i."outputId" = c."outputId"
     WHERE c."workflow" = ? ${cohort === null ? "" : `AND i."cohort" = ?`} AND i."reviewers" = 2
       AND i."occurredAt" >= ? AND i."occurredAt" < ? AND c."verdict" IS NOT NULL
     ORDER BY c."outputId", c."reviewedAt", c."reviewer"`,
    [workflow, ...(cohort === null ? [] : [cohort]), from, to],
  );
  const byItem = new Map<string, Verdict[]>();
  for (const row of rows) byItem.set(row.outputId, [...(byItem.get(row.outputId) ?? []), row.verdict]);
  return [...byItem.values()].filter((v) => v.length === 2).map(([a, b]) => [a!, b!]);
}
