import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseJsonBody, parseParams } from "@/lib/api/parse";
import { BODIES } from "@/lib/contract/bodies";
import { reviewItemParams } from "@/lib/contract/params";
import { recordVerdict } from "@/lib/review/queue";

export const POST = withAuth<{ outputId: string }>(async ({ request, db, principal, params }) => {
  const { outputId } = parseParams(params, reviewItemParams);
  return NextResponse.json(await recordVerdict(db, principal!, outputId, await parseJsonBody(request, BODIES.reviewVerdict)));
});
