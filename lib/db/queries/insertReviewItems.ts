import type { SqlExecutor } from "@/lib/db/sql";
import { bulkInsert } from "@/lib/db/bulk";

export interface NewReviewItem {
  workflow: string;
  outputId: string;
  cohort: string;
  occurredAt: Date;
  reviewers: 1 | 2;
  title: string | null;
  text: string | null;
  link: string | null;
}

/** Queues sampled outputs with their content; an output queued already (a re-send) is left as it is. */
export async function insertReviewItems(tx: SqlExecutor, items: readonly NewReviewItem[]): Promise<void> {
  if (items.length === 0) return;
  await bulkInsert(tx, {
    table: "OutputContent",
    columns: ["workflow", "outputId", "title", "text", "link", "occurredAt"],
    rows: items.map((i) => [i.workflow, i.outputId, i.title, i.text, i.link, i.occurredAt]),
    onConflict: `ON CONFLICT ("workflow", "outputId") DO NOTHING`,
  });
  await bulkInsert(tx, {
    table: "ReviewItem",
    columns: ["workflow", "outputId", "cohort", "occurredAt", "reviewers"],
    rows: items.map((i) => [i.workflow, i.outputId, i.cohort, i.occurredAt, i.reviewers]),
    onConflict: `ON CONFLICT ("workflow", "outputId") DO NOTHING`,
  });
}
