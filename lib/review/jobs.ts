// The review queue's background work, run by lib/jobs: the content purge, once an hour across every instance.
import type { Job } from "@/lib/jobs/scheduler";
import { purgeReviewContent } from "./purge";

const MINUTE = 60 * 1000;

export const REVIEW_JOBS: readonly Job[] = [
  {
    name: "review.purgeContent",
    everyMs: 60 * MINUTE,
    checkMs: 5 * MINUTE,
    firstDelayMs: 2 * MINUTE,
    async run(db, now) {
      const { contents, notes, days } = await purgeReviewContent(db, now);
      return contents + notes > 0 ? `Review content: purged ${contents} contents and ${notes} notes older than ${days} days.` : null;
    },
  },
];
