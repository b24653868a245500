import type { SqlExecutor } from "@/lib/db/sql";
import type { Verdict } from "@/lib/contract/vocabulary";

/** Pairs of verdicts keyed "workflow/cohort". */
export type AgreementPairs = Map<string, [Verdict, Verdict][]>;

/**
 * The two verdicts of each double-reviewed item whose output occurred in [from, to), the earlier verdict first, per
 * rollout; of one workflow (and cohort) when named, else of all in one statement. Items with one verdict so far are
 * left out.
 */
export async function readAgreementPairs(tx: SqlExecutor, scope: { workflow?: string; cohort?: string | null; from: Date; to: Date }): Promise<AgreementPairs> {
  const { workflow, cohort, from, to } = scope;
  const filters = [...(workflow === undefined ? [] : [`c."workflow" = ?`]), ...(cohort ? [`i."cohort" = ?`] : [])];
  const rows = await tx.query<{ workflow: string; cohort: string; outputId: string; verdict: Verdict }>(
    `SELECT c."workflow", i."cohort", c."outputId", c."verdict" FROM "ReviewClaim" c
     JOIN "ReviewItem" i ON i."workflow" = c."workflow" AND i."outputId" = c."outputId"
     WHERE i."reviewers" = 2 AND i."occurredAt" >= ? AND i."occurredAt" < ? AND c."verdict" IS NOT NULL
       ${filters.map((f) => `AND ${f}`).join(" ")}
     ORDER BY c."workflow", c."outputId", c."reviewedAt", c."reviewer"`,
    [from, to, ...(workflow === undefined ? [] : [workflow]), ...(cohort ? [cohort] : [])],
  );
  const byItem = new Map<string, { rollout: string; verdicts: Verdict[] }>();
  for (const row of rows) {
    const item = `${row.workflow}\u0000${row.outputId}`;
    const entry = byItem.get(item) ?? { rollout: `${row.workflow}/${row.cohort}`, verdicts: [] };
    entry.verdicts.push(row.verdict);
    byItem.set(item, entry);
  }
  const pairs: AgreementPairs = new Map();
  for (const { rollout, verdicts } of byItem.values()) {
    if (verdicts.length === 2) pairs.set(rollout, [...(pairs.get(rollout) ?? []), [verdicts[0]!, verdicts[1]!]]);
  }
  return pairs;
}
