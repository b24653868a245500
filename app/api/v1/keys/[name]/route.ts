import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseParams } from "@/lib/api/parse";
import { revokedKey } from "@/lib/contract/responses/admin";
import { keyParams } from "@/lib/contract/params";
import { revokeApiKey } from "@/lib/auth/keys";

/** Revokes a key: requests with its secret are refused from now on; the key stays listed, as revoked. */
export const DELETE = withAuth<{ name: string }>(async ({ db, actor, params }) => {
  const { name } = parseParams(params, keyParams);
  await revokeApiKey(db, name, actor);
  return jsonAnswer(revokedKey, { revoked: name });
});
