import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody, parseParams } from "@/lib/api/parse";
import { checklistEntry } from "@/lib/contract/responses/reports";
import { BODIES } from "@/lib/contract/bodies";
import { checklistItemParams } from "@/lib/contract/params";
import { updateChecklistItem } from "@/lib/scorecards/checklist";

export const PUT = withAuth<{ key: string; item: string }>(async ({ request, db, actor, params }) => {
  const { key, item } = parseParams(params, checklistItemParams);
  const update = await parseJsonBody(request, BODIES.checklist);
  return jsonAnswer(checklistEntry, await updateChecklistItem(db, key, item, update, actor));
});
