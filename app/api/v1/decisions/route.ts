import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseJsonBody, parseQuery } from "@/lib/api/parse";
import { decisionsQuery } from "@/lib/contract/scorecard";
import { BODIES } from "@/lib/contract/bodies";
import { listDecisions, recordDecision } from "@/lib/scorecards/decisions";

export const POST = withAuth(async ({ request, db, actor }) => {
  const input = await parseJsonBody(request, BODIES.decision);
  return NextResponse.json(await recordDecision(db, input, actor), { status: 201 });
});

export const GET = withAuth(async ({ request, db }) => {
  const { workflow, cohort } = parseQuery(request, decisionsQuery);
  return NextResponse.json({ decisions: await listDecisions(db, workflow, cohort) });
});
