import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseParams } from "@/lib/api/parse";
import { newSignInLink } from "@/lib/contract/responses/admin";
import { userParams } from "@/lib/contract/params";
import { createSignInLink } from "@/lib/auth/users";
import { signInLink } from "@/lib/auth/signIn";

/** A new one-time sign-in link for a user (earlier unused links stay valid until they expire). */
export const POST = withAuth<{ id: string }>(async ({ request, db, actor, params }) => {
  const { id } = parseParams(params, userParams);
  const link = await createSignInLink(db, id, actor);
  return jsonAnswer(newSignInLink, { signInLink: signInLink(new URL(request.url).origin, link) }, { status: 201, headers: { "cache-control": "no-store" } });
});
