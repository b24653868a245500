import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody, parseParams } from "@/lib/api/parse";
import { legalHoldView, liftedHold } from "@/lib/contract/responses/admin";
import { BODIES } from "@/lib/contract/bodies";
import { workflowParams } from "@/lib/contract/params";
import { liftLegalHold, placeLegalHold } from "@/lib/retention/retention";

export const PUT = withAuth<{ workflow: string }>(async ({ request, db, actor, params }) => {
  const { workflow } = parseParams(params, workflowParams);
  const { reason } = await parseJsonBody(request, BODIES.legalHold);
  return jsonAnswer(legalHoldView, await placeLegalHold(db, workflow, reason, actor));
});

export const DELETE = withAuth<{ workflow: string }>(async ({ db, actor, params }) =>
  jsonAnswer(liftedHold, await liftLegalHold(db, parseParams(params, workflowParams).workflow, actor)),
);
