import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody, parseParams } from "@/lib/api/parse";
import { oneUser } from "@/lib/contract/responses/admin";
import { BODIES } from "@/lib/contract/bodies";
import { userParams } from "@/lib/contract/params";
import { updateUser } from "@/lib/auth/users";

/** Changes a user's name, roles, owner workflows, or disables (ending their sessions) or enables them. */
export const PATCH = withAuth<{ id: string }>(async ({ request, db, actor, params }) => {
  const { id } = parseParams(params, userParams);
  const change = await parseJsonBody(request, BODIES.userUpdate);
  return jsonAnswer(oneUser, { user: await updateUser(db, id, change, actor) });
});
