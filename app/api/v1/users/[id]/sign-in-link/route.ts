import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { badRequest } from "@/lib/api/errors";
import { createSignInLink } from "@/lib/auth/users";
import { USER_ID } from "@/lib/contract/accounts";
import { signInLink } from "@/lib/auth/signIn";

/** A new one-time sign-in link for a user (earlier unused links stay valid until they expire). */
export const POST = withAuth<{ id: string }>(async ({ request, db, actor, params }) => {
  if (!USER_ID.test(params.id)) throw badRequest("Not a user id.", [{ path: "id", message: "must be a user id" }]);
  const link = await createSignInLink(db, params.id, actor);
  return NextResponse.json({ signInLink: signInLink(new URL(request.url).origin, link) }, { status: 201, headers: { "cache-control": "no-store" } });
});
