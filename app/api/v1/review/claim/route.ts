import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody } from "@/lib/api/parse";
import { claimedItem } from "@/lib/contract/responses/review";
import { BODIES } from "@/lib/contract/bodies";
import { claimNext } from "@/lib/review/queue";

/** 200 with the claimed item and its content; 204 when nothing is left for the caller. */
export const POST = withAuth(async ({ request, db, principal }) => {
  const item = await claimNext(db, principal!, await parseJsonBody(request, BODIES.reviewClaim));
  return item ? jsonAnswer(claimedItem, item) : new Response(null, { status: 204 });
});
