import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody } from "@/lib/api/parse";
import { oneUser } from "@/lib/contract/responses/admin";
import { badRequest } from "@/lib/api/errors";
import { userUpdate } from "@/lib/contract/accounts";
import { updateUser } from "@/lib/auth/users";
import { USER_ID } from "@/lib/contract/accounts";

const MAX_USER_BYTES = 16 * 1024;

/** Changes a user's name, roles, owner workflows, or disables (ending their sessions) or enables them. */
export const PATCH = withAuth<{ id: string }>(async ({ request, db, actor, params }) => {
  if (!USER_ID.test(params.id)) throw badRequest("Not a user id.", [{ path: "id", message: "must be a user id" }]);
  const change = await parseJsonBody(request, userUpdate, MAX_USER_BYTES);
  return jsonAnswer(oneUser, { user: await updateUser(db, params.id, change, actor) });
});
