import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody } from "@/lib/api/parse";
import { checklistEntry } from "@/lib/contract/responses/reports";
import { badRequest } from "@/lib/api/errors";
import { checklistItem, checklistUpdate } from "@/lib/contract/scorecard";
import { slug } from "@/lib/contract/common";
import { updateChecklistItem } from "@/lib/scorecards/checklist";

const MAX_CHECKLIST_BYTES = 16 * 1024;

export const PUT = withAuth<{ key: string; item: string }>(async ({ request, db, actor, params }) => {
  // Workflow keys are slugs; anything else names no workflow (and a NUL in it made Postgres fail the lookup: a 500).
  if (!slug.safeParse(params.key).success) {
    throw badRequest(`"${params.key.slice(0, 100)}" is not a workflow key`, [{ path: "key", message: "must be a workflow key (a slug)" }]);
  }
  const item = checklistItem.safeParse(params.item);
  if (!item.success) throw badRequest(`unknown checklist item "${params.item}"`, [{ path: "item", message: `must be one of ${checklistItem.options.join(", ")}` }]);
  const update = await parseJsonBody(request, checklistUpdate, MAX_CHECKLIST_BYTES);
  return jsonAnswer(checklistEntry, await updateChecklistItem(db, params.key, item.data, update, actor));
});
