import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody } from "@/lib/api/parse";
import { createdUser, userList } from "@/lib/contract/responses/admin";
import { BODIES } from "@/lib/contract/bodies";
import { createSignInLink, createUser, listUsers } from "@/lib/auth/users";
import { signInLink } from "@/lib/auth/signIn";

export const GET = withAuth(async ({ db }) => jsonAnswer(userList, { users: await listUsers(db) }));

/** A new user and their first one-time sign-in link (shown to the admin once, to hand over). */
export const POST = withAuth(async ({ request, db, actor }) => {
  const user = await createUser(db, await parseJsonBody(request, BODIES.user), actor);
  const link = await createSignInLink(db, user.id, actor);
  return jsonAnswer(createdUser, { user, signInLink: signInLink(new URL(request.url).origin, link) }, { status: 201, headers: { "cache-control": "no-store" } });
});
