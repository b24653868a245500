import { requireKey, withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody } from "@/lib/api/parse";
import { otherMethods, withSecurityHeaders } from "@/lib/api/unproxied";
import { ingestResult } from "@/lib/contract/responses/common";
import { BODIES } from "@/lib/contract/bodies";
import { ingestAnswer, ingestBatch } from "@/lib/ingest/ingestBatch";

// proxy.ts leaves this route alone, so Next.js does not copy every batch's body for it.
export const POST = withSecurityHeaders(
  withAuth(async ({ request, principal, db }) => {
    const key = requireKey(principal);
    const { events } = await parseJsonBody(request, BODIES.events);
    const result = await ingestBatch(db, events, { allowedWorkflows: key.workflows, apiKeyId: key.id });
    return jsonAnswer(ingestResult, ingestAnswer(result), { status: result.rejected.length > 0 ? 207 : 200 });
  }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
