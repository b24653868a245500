import { withAuth } from "@/lib/api/withAuth";
import { startOidcSignIn } from "@/lib/auth/oidc";

/** Single sign-on, step 1: to the identity provider (404 when single sign-on is not configured). */
export const GET = withAuth(async ({ request }) => startOidcSignIn(request));
