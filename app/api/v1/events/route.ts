import { NextResponse } from "next/server";
import { withKey } from "@/lib/api/withKey";
import { parseJsonBody } from "@/lib/api/parse";
import { eventBatch, MAX_BODY_BYTES } from "@/lib/contract/event";
import { ingestBatch } from "@/lib/ingest/ingestBatch";

export const POST = withKey("ingest", async ({ request, key, db }) => {
  const { events } = await parseJsonBody(request, eventBatch, MAX_BODY_BYTES);
  const result = await ingestBatch(db, events, { allowedWorkflows: key.workflows, apiKeyId: key.id });
  return NextResponse.json(result, { status: result.rejected.length > 0 ? 207 : 200 });
});
