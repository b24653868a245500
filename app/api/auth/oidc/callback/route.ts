import { withAuth } from "@/lib/api/withAuth";
import { finishOidcSignIn } from "@/lib/auth/oidc";

/** Single sign-on, step 2: the identity provider returns here; signs the user in and returns to where they were going. */
export const GET = withAuth(async ({ request, db }) => finishOidcSignIn(db, request));
