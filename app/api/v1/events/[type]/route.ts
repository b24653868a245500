import { z } from "zod";
import { requireKey, withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody } from "@/lib/api/parse";
import { badRequest } from "@/lib/api/errors";
import { EVENT_TYPES } from "@/lib/contract/vocabulary";
import { ingestResult } from "@/lib/contract/responses/common";
import { ingestBatch } from "@/lib/ingest/ingestBatch";

/** One event is far below the batch limit; its properties are at most 8 KB. */
const MAX_EVENT_BYTES = 64 * 1024;
const eventType = z.enum(EVENT_TYPES);

/**
 * One event, its type named by the path: for low-code tools (the Power Platform connector's "Report an output"…)
 * that cannot build the batch's array. It goes through the batch's own ingestion; a rejected event is a 400.
 */
export const POST = withAuth<{ type: string }>(async ({ request, principal, db, params }) => {
  const key = requireKey(principal);
  const type = eventType.safeParse(params.type);
  if (!type.success) throw badRequest(`unknown event type "${params.type.slice(0, 50)}"`, [{ path: "type", message: `must be one of ${EVENT_TYPES.join(", ")}` }]);
  const fields = await parseJsonBody(request, z.record(z.string(), z.unknown()), MAX_EVENT_BYTES);
  const result = await ingestBatch(db, [{ ...fields, type: type.data }], { allowedWorkflows: key.workflows, apiKeyId: key.id });
  const [rejected] = result.rejected;
  if (rejected) throw badRequest("The event was rejected.", rejected.errors.map((e) => ({ ...e, path: e.path.replace(/^events\[0\]\.?/, "") || "(root)" })));
  return jsonAnswer(ingestResult, result);
});
