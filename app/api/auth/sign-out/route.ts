import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { endSession, sessionToken } from "@/lib/auth/sessions";
import { clearSessionCookies } from "@/lib/auth/signIn";

export const POST = withAuth(async ({ request, db }) => {
  await endSession(db, sessionToken(request));
  return clearSessionCookies(NextResponse.json({ redirect: "/sign-in" }), request);
});
