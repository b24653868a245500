import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseJsonBody } from "@/lib/api/parse";
import { BODIES } from "@/lib/contract/bodies";
import { claimNext } from "@/lib/review/queue";

/** 200 with the claimed item and its content; 204 when nothing is left for the caller. */
export const POST = withAuth(async ({ request, db, principal }) => {
  const item = await claimNext(db, principal!, await parseJsonBody(request, BODIES.reviewClaim));
  return item ? NextResponse.json(item) : new NextResponse(null, { status: 204 });
});
