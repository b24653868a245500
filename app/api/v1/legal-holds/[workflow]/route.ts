import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseJsonBody, parseParams } from "@/lib/api/parse";
import { BODIES } from "@/lib/contract/bodies";
import { workflowParams } from "@/lib/contract/params";
import { liftLegalHold, placeLegalHold } from "@/lib/retention/retention";

export const PUT = withAuth<{ workflow: string }>(async ({ request, db, actor, params }) => {
  const { workflow } = parseParams(params, workflowParams);
  const { reason } = await parseJsonBody(request, BODIES.legalHold);
  return NextResponse.json(await placeLegalHold(db, workflow, reason, actor));
});

export const DELETE = withAuth<{ workflow: string }>(async ({ db, actor, params }) =>
  NextResponse.json(await liftLegalHold(db, parseParams(params, workflowParams).workflow, actor)),
);
