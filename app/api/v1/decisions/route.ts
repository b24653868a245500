import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody, parseQuery } from "@/lib/api/parse";
import { decisionList, recordedDecision } from "@/lib/contract/responses/reports";
import { decisionsQuery } from "@/lib/contract/scorecard";
import { BODIES } from "@/lib/contract/bodies";
import { listDecisions, recordDecision } from "@/lib/scorecards/decisions";

export const POST = withAuth(async ({ request, db, actor }) => {
  const input = await parseJsonBody(request, BODIES.decision);
  return jsonAnswer(recordedDecision, await recordDecision(db, input, actor), { status: 201 });
});

export const GET = withAuth(async ({ request, db }) => {
  const { workflow, cohort } = parseQuery(request, decisionsQuery);
  return jsonAnswer(decisionList, { decisions: await listDecisions(db, workflow, cohort) });
});
