import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseJsonBody, parseQuery } from "@/lib/api/parse";
import { decisionInput, decisionsQuery } from "@/lib/contract/scorecard";
import { listDecisions, recordDecision } from "@/lib/scorecards/decisions";

const MAX_DECISION_BYTES = 64 * 1024;

export const POST = withAuth(async ({ request, db, actor }) => {
  const input = await parseJsonBody(request, decisionInput, MAX_DECISION_BYTES);
  return NextResponse.json(await recordDecision(db, input, actor), { status: 201 });
});

export const GET = withAuth(async ({ request, db }) => {
  const { workflow, cohort } = parseQuery(request, decisionsQuery);
  return NextResponse.json({ decisions: await listDecisions(db, workflow, cohort) });
});
