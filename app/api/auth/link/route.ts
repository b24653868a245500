// A one-time sign-in link (from `tollgate users create` or the users page): signs the user in and goes on to their
// account page, where they can set a password. A used, expired or unknown link goes back to sign-in with a message.
import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { isHttps } from "@/lib/api/request";
import { consumeSignInLink } from "@/lib/auth/users";
import { auditFailedSignIn, openSession } from "@/lib/auth/signIn";

export const GET = withAuth(async ({ request, db, actor }) => {
  const url = new URL(request.url);
  const user = await consumeSignInLink(db, url.searchParams.get("token") ?? "");
  if (!user) {
    await auditFailedSignIn(db, actor, null, "invalid, used or expired link", "link");
    return NextResponse.redirect(new URL("/sign-in?error=link_invalid", url), 303);
  }
  const withCookies = await openSession(db, user, "link", actor.source, isHttps(request));
  return withCookies(NextResponse.redirect(new URL("/account?welcome=1", url), 303));
});
