import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody } from "@/lib/api/parse";
import { createdKey, keyList } from "@/lib/contract/responses/admin";
import { BODIES } from "@/lib/contract/bodies";
import { createApiKey, listApiKeys } from "@/lib/auth/keys";

/** Every key with its prefix (the secret is never stored, its hash never leaves the database). */
export const GET = withAuth(async ({ db }) => jsonAnswer(keyList, { keys: await listApiKeys(db) }));

/** A new key: its secret is in this answer only. */
export const POST = withAuth(async ({ request, db, actor }) => {
  const input = await parseJsonBody(request, BODIES.key);
  return jsonAnswer(createdKey, await createApiKey(db, input, actor), { status: 201, headers: { "cache-control": "no-store" } });
});
