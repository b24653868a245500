import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody } from "@/lib/api/parse";
import { legalHoldView, liftedHold } from "@/lib/contract/responses/admin";
import { badRequest } from "@/lib/api/errors";
import { slug } from "@/lib/contract/common";
import { legalHoldInput } from "@/lib/contract/accounts";
import { liftLegalHold, placeLegalHold } from "@/lib/retention/retention";

const MAX_HOLD_BYTES = 8 * 1024;

/** Workflow keys are slugs; anything else names no workflow. */
function workflowKey(value: string): string {
  if (!slug.safeParse(value).success) {
    throw badRequest(`"${value.slice(0, 100)}" is not a workflow key`, [{ path: "workflow", message: "must be a workflow key (a slug)" }]);
  }
  return value;
}

export const PUT = withAuth<{ workflow: string }>(async ({ request, db, actor, params }) => {
  const workflow = workflowKey(params.workflow);
  const { reason } = await parseJsonBody(request, legalHoldInput, MAX_HOLD_BYTES);
  return jsonAnswer(legalHoldView, await placeLegalHold(db, workflow, reason, actor));
});

export const DELETE = withAuth<{ workflow: string }>(async ({ db, actor, params }) =>
  jsonAnswer(liftedHold, await liftLegalHold(db, workflowKey(params.workflow), actor)),
);
