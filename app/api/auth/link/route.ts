// Uses up a one-time sign-in link (from `tollgate users create` or the users page) and signs its user in. The link
// itself opens /sign-in/link, whose button posts here: a mail scanner that follows links cannot use it up, and the
// Origin check of a POST keeps another site from signing a browser in as someone else.
import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseJsonBody } from "@/lib/api/parse";
import { BODIES } from "@/lib/contract/bodies";
import { badRequest } from "@/lib/errors";
import { isHttps } from "@/lib/http";
import { consumeSignInLink } from "@/lib/auth/users";
import { auditFailedSignIn, openSession } from "@/lib/auth/signIn";

export const POST = withAuth(async ({ request, db, actor }) => {
  const { token } = await parseJsonBody(request, BODIES.signInLink);
  const user = await consumeSignInLink(db, token);
  if (!user) {
    await auditFailedSignIn(db, actor.source, null, "invalid, used or expired link", "link");
    throw badRequest("This sign-in link is invalid, already used or expired. Ask an admin for a new one.", [{ path: "token", message: "is invalid, used or expired" }]);
  }
  const withCookies = await openSession(db, user, "link", actor.source, isHttps(request));
  return withCookies(NextResponse.json({ redirect: "/account?welcome=1" }));
});
