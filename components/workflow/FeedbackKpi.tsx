// Feedback from the people who asked, shown beside precision and kept apart from it: a thumb or a CSAT score is
// the asker's opinion of an answer, not a reviewer's verdict, so it never counts toward any review-based rate.
import type { SeriesPoint } from "@/lib/metrics/report";
import { formatBounds, formatCount, formatPercent } from "@/lib/ui/format";

type Feedback = Pick<SeriesPoint, "feedbackRatings" | "positiveFeedbackRate" | "csatMean">;

const score = (value: number | null) => (value === null ? "—" : value.toFixed(1));

export function FeedbackKpi({ totals }: { totals: Feedback }) {
  const { feedbackRatings, positiveFeedbackRate, csatMean } = totals;
  if (feedbackRatings === 0 && csatMean.n === 0) return null;
  return (
    <div className="kpi card" title="Thumbs up or down and CSAT scores from the people who asked">
      <span className="kpi-label">User feedback</span>
      <span className="kpi-value">{feedbackRatings ? formatPercent(positiveFeedbackRate.value) : `CSAT ${score(csatMean.value)}`}</span>
      {feedbackRatings > 0 && (
        <span className="kpi-detail">
          thumbs up · 95% {formatBounds(positiveFeedbackRate)} · n = {formatCount(feedbackRatings)} ratings
        </span>
      )}
      {csatMean.n > 0 && (
        <span className="kpi-detail">
          CSAT {score(csatMean.value)} of 5 [{score(csatMean.low)}, {score(csatMean.high)}] · n = {formatCount(csatMean.n)}
        </span>
      )}
      <span className="kpi-detail">Feedback is not a review: the asker&apos;s opinion never counts toward precision.</span>
    </div>
  );
}
