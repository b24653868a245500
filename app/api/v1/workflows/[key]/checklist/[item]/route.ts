import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseJsonBody, parseParams } from "@/lib/api/parse";
import { BODIES } from "@/lib/contract/bodies";
import { checklistItemParams } from "@/lib/contract/params";
import { updateChecklistItem } from "@/lib/scorecards/checklist";

export const PUT = withAuth<{ key: string; item: string }>(async ({ request, db, actor, params }) => {
  const { key, item } = parseParams(params, checklistItemParams);
  const update = await parseJsonBody(request, BODIES.checklist);
  return NextResponse.json(await updateChecklistItem(db, key, item, update, actor));
});
