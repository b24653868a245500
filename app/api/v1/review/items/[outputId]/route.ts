import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody, parseParams } from "@/lib/api/parse";
import { recordedVerdict } from "@/lib/contract/responses/review";
import { BODIES } from "@/lib/contract/bodies";
import { reviewItemParams } from "@/lib/contract/params";
import { recordVerdict } from "@/lib/review/queue";

export const POST = withAuth<{ outputId: string }>(async ({ request, db, principal, params }) => {
  const { outputId } = parseParams(params, reviewItemParams);
  return jsonAnswer(recordedVerdict, await recordVerdict(db, principal!, outputId, await parseJsonBody(request, BODIES.reviewVerdict)));
});
