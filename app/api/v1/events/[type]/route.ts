import { requireKey, withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody, parseParams } from "@/lib/api/parse";
import { badRequest } from "@/lib/errors";
import { BODIES } from "@/lib/contract/bodies";
import { eventTypeParams } from "@/lib/contract/params";
import { ingestResult } from "@/lib/contract/responses/common";
import { ingestAnswer, ingestBatch } from "@/lib/ingest/ingestBatch";

/**
 * One event, its type named by the path: for low-code tools (the Power Platform connector's "Report an output"…)
 * that cannot build the batch's array. It goes through the batch's own ingestion; a rejected event is a 400.
 */
export const POST = withAuth<{ type: string }>(async ({ request, principal, db, params }) => {
  const key = requireKey(principal);
  const { type } = parseParams(params, eventTypeParams);
  const fields = await parseJsonBody(request, BODIES.oneEvent);
  const result = await ingestBatch(db, [{ ...fields, type }], { allowedWorkflows: key.workflows, apiKeyId: key.id });
  const [rejected] = result.rejected;
  if (rejected) throw badRequest("The event was rejected.", rejected.errors.map((e) => ({ ...e, path: e.path.replace(/^events\[0\]\.?/, "") || "(root)" })));
  return jsonAnswer(ingestResult, ingestAnswer(result));
});
