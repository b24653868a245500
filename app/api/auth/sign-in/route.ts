import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { isHttps } from "@/lib/http";
import { parseJsonBody } from "@/lib/api/parse";
import { ApiError, ThrottledError } from "@/lib/errors";
import { BODIES } from "@/lib/contract/bodies";
import { signInWithPassword } from "@/lib/auth/passwordSignIn";
import { openSession, safeNext } from "@/lib/auth/signIn";

export const POST = withAuth(async ({ request, db, actor }) => {
  const { email, password, next } = await parseJsonBody(request, BODIES.signIn);
  const result = await signInWithPassword(db, email, password, actor.source);
  if (!result.ok && result.throttled) throw new ThrottledError(result.retryAfterSeconds);
  if (!result.ok) throw new ApiError(401, "unauthorized", "Wrong email or password.");
  const withCookies = await openSession(db, result.user, "password", actor.source, isHttps(request));
  return withCookies(NextResponse.json({ redirect: safeNext(next) }));
});
