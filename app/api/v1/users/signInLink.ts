// The address of a one-time sign-in link: TOLLGATE_PUBLIC_URL when set (the app behind a proxy that rewrites the
// host), else the origin the request came to.
export function signInLinkUrl(request: Request, token: string, env: Record<string, string | undefined> = process.env): string {
  const base = env.TOLLGATE_PUBLIC_URL?.trim().replace(/\/+$/, "") || new URL(request.url).origin;
  return `${base}/api/auth/link?token=${encodeURIComponent(token)}`;
}

export function signInLinkBody(request: Request, link: { token: string; expiresAt: Date }) {
  return { url: signInLinkUrl(request, link.token), expiresAt: link.expiresAt.toISOString() };
}

/** User ids are UUIDs; anything else names no user (and a NUL in it would make Postgres fail the lookup). */
export const USER_ID = /^[\w-]{1,64}$/;
