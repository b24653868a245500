import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { readCookie } from "@/lib/http";
import { endSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { clearSessionCookies } from "@/lib/auth/signIn";

export const POST = withAuth(async ({ request, db }) => {
  await endSession(db, readCookie(request, SESSION_COOKIE));
  return clearSessionCookies(NextResponse.json({ redirect: "/sign-in" }), request);
});
