import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody } from "@/lib/api/parse";
import { retentionDays, retentionStatus as retentionAnswer } from "@/lib/contract/responses/admin";
import { retentionUpdate } from "@/lib/contract/accounts";
import { retentionStatus, setRetentionDays } from "@/lib/retention/retention";

const MAX_RETENTION_BYTES = 1024;

export const GET = withAuth(async ({ db }) => jsonAnswer(retentionAnswer, await retentionStatus(db)));

export const PUT = withAuth(async ({ request, db, actor }) => {
  const { days } = await parseJsonBody(request, retentionUpdate, MAX_RETENTION_BYTES);
  return jsonAnswer(retentionDays, await setRetentionDays(db, days, actor));
});
