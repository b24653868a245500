import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody } from "@/lib/api/parse";
import { retentionDays, retentionStatus as retentionAnswer } from "@/lib/contract/responses/admin";
import { BODIES } from "@/lib/contract/bodies";
import { retentionStatus, setRetentionDays } from "@/lib/retention/retention";

export const GET = withAuth(async ({ db }) => jsonAnswer(retentionAnswer, await retentionStatus(db)));

export const PUT = withAuth(async ({ request, db, actor }) => {
  const { days } = await parseJsonBody(request, BODIES.retention);
  return jsonAnswer(retentionDays, await setRetentionDays(db, days, actor));
});
