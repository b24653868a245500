// Content purge: an output's content (and reviewers' notes, which may quote it) is kept `reviewContentDays` days
// after the output occurred (program.json; default 30), even when the event itself is kept longer. Deletes run in
// short batches, each its own transaction, so a run killed half-way has deleted whole batches and the next run
// finishes the rest; nothing is counted from content, so no figure changes.
import type { Database } from "@/lib/db/database";
import { readReviewContentDays } from "@/lib/db/queries/reviewContentDaysSetting";
import { clearReviewNotesBefore, deleteReviewContentBefore } from "@/lib/db/queries/purgeReviewContent";
import { reviewContentDays } from "@/lib/contract/review";

const DAY_MS = 86_400_000;
export const DEFAULT_REVIEW_CONTENT_DAYS = reviewContentDays.parse(undefined);
const BATCH = 1_000;

export interface ContentPurge {
  days: number;
  cutoff: Date;
  contents: number;
  notes: number;
}

export async function purgeReviewContent(db: Database, now = new Date(), batchSize = BATCH): Promise<ContentPurge> {
  const days = (await readReviewContentDays(db)) ?? DEFAULT_REVIEW_CONTENT_DAYS;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  let contents = 0;
  for (;;) {
    const n = await db.sql.transaction((tx) => deleteReviewContentBefore(tx, cutoff, batchSize));
    contents += n;
    if (n < batchSize) break;
  }
  const notes = await db.sql.transaction((tx) => clearReviewNotesBefore(tx, cutoff));
  return { days, cutoff, contents, notes };
}
