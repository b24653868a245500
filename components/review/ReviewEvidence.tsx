// Where a window's review-based figures come from: how many reviews the random sample gave and how many
// integrations sent (a self-selected sample), and how well two reviewers of the same output agreed.
import { formatAgreement, formatReviewSources } from "@/lib/ui/format";

export function ReviewEvidence({ reviews, sampled, agreement }: { reviews: number; sampled: number; agreement: Parameters<typeof formatAgreement>[0] }) {
  return (
    <dl className="review-evidence">
      <div>
        <dt>Reviews</dt>
        <dd>{formatReviewSources(reviews, sampled)}</dd>
      </div>
      <div>
        <dt>Reviewer agreement</dt>
        <dd>{formatAgreement(agreement)}</dd>
      </div>
    </dl>
  );
}
