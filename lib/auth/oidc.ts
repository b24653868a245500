// Single sign-on by OpenID Connect (authorization code flow with PKCE), set up for Microsoft Entra ID but standard
// enough for any provider. openid-client does the protocol and validates the ID token; this module reads the
// configuration, keeps the flow's state in a short-lived cookie, provisions the user (bind by subject, else by email,
// else create just in time when a role maps) and opens a session. Every outcome is audited.
import crypto from "node:crypto";
import * as oidc from "openid-client";
import { NextResponse } from "next/server";
import { z } from "zod";
import type { Database } from "@/lib/db/database";
import { inTransaction } from "@/lib/db/transaction";
import { changeUser, insertUser, readUserByEmail, readUserBySubject } from "@/lib/db/queries/userRows";
import { appendAudit, type Actor } from "@/lib/audit/audit";
import { ApiError } from "@/lib/errors";
import { clientAddress, expectedOrigin, isHttps, readCookie } from "@/lib/http";
import { email as emailField } from "@/lib/contract/accounts";
import { toUserPrincipal } from "./sessions";
import { revokeSignInLinks } from "@/lib/db/queries/signInLinkRows";
import { auditFailedSignIn, openSession, safeNext } from "./signIn";
import { ROLES, type Role } from "@/lib/contract/vocabulary";

export const OIDC_STATE_COOKIE = "tollgate_oidc";
const STATE_COOKIE_PATH = "/api/auth/oidc";
const STATE_LIFETIME_MS = 10 * 60_000;
export const CALLBACK_PATH = "/api/auth/oidc/callback";
const SCOPE = "openid profile email";

// ---------------------------------------------------------------------------------------------------------------
// Configuration

export type RoleMap = ReadonlyMap<string, readonly Role[]>;

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  rolesClaim: string;
  /** Claim value → Tollgate roles. */
  roleMap: RoleMap;
  label: string;
  /** The app's public base URL (no trailing slash); null to use the request's origin. */
  publicUrl: string | null;
}

export class OidcConfigError extends Error {}

const isLoopback = (url: URL) => ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);

const httpUrl = (name: string) =>
  z
    .string()
    .trim()
    .pipe(z.url({ error: `${name} must be an absolute URL` }))
    .transform((value, ctx) => {
      const url = new URL(value);
      if (url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url))) return url;
      ctx.addIssue({ code: "custom", message: `${name} must be an https:// URL (plain http only for localhost)` });
      return z.NEVER;
    });

/** "Tollgate.Admin=admin,Tollgate.Board=board": each claim value names one Tollgate role (a value may repeat). */
export function parseRoleMap(text: string | undefined): RoleMap {
  const map = new Map<string, Role[]>();
  if (text === undefined || text.trim() === "") {
    for (const role of ROLES) map.set(role, [role]);
    return map;
  }
  for (const entry of text.split(",")) {
    if (entry.trim() === "") continue;
    const eq = entry.lastIndexOf("=");
    const value = eq > 0 ? entry.slice(0, eq).trim() : "";
    const role = eq > 0 ? entry.slice(eq + 1).trim() : "";
    if (!value || !role) throw new OidcConfigError(`TOLLGATE_OIDC_ROLE_MAP: "${entry.trim()}" is not of the form <claim value>=<role>`);
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new OidcConfigError(`TOLLGATE_OIDC_ROLE_MAP: "${role}" is not a role; use one of ${ROLES.join(", ")}`);
    }
    const roles = map.get(value) ?? [];
    if (!roles.includes(role as Role)) roles.push(role as Role);
    map.set(value, roles);
  }
  if (map.size === 0) throw new OidcConfigError("TOLLGATE_OIDC_ROLE_MAP names no mapping; leave it unset to map role names to themselves");
  return map;
}

const configSchema = z.object({
  TOLLGATE_OIDC_ISSUER: httpUrl("TOLLGATE_OIDC_ISSUER"),
  TOLLGATE_OIDC_CLIENT_ID: z.string({ error: "TOLLGATE_OIDC_CLIENT_ID is required" }).trim().min(1, "TOLLGATE_OIDC_CLIENT_ID is required"),
  TOLLGATE_OIDC_CLIENT_SECRET: z.string({ error: "TOLLGATE_OIDC_CLIENT_SECRET is required" }).min(1, "TOLLGATE_OIDC_CLIENT_SECRET is required"),
  TOLLGATE_OIDC_ROLES_CLAIM: z.string().trim().min(1).max(200).default("roles"),
  TOLLGATE_OIDC_ROLE_MAP: z.string().optional(),
  TOLLGATE_OIDC_LABEL: z.string().trim().min(1).max(100).default("Sign in with Microsoft"),
  TOLLGATE_PUBLIC_URL: httpUrl("TOLLGATE_PUBLIC_URL").optional(),
});

type Env = Readonly<Record<string, string | undefined>>;

/** Empty variables count as unset, as in most .env files. */
const present = (env: Env, name: string) => {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
};

/**
 * The single sign-on configuration; null when TOLLGATE_OIDC_ISSUER is unset (single sign-on off). Throws
 * OidcConfigError naming every problem when it is set but incomplete or invalid.
 */
export function readOidcConfig(env: Env = process.env): OidcConfig | null {
  if (present(env, "TOLLGATE_OIDC_ISSUER") === undefined) {
    const stray = ["TOLLGATE_OIDC_CLIENT_ID", "TOLLGATE_OIDC_CLIENT_SECRET"].filter((name) => present(env, name) !== undefined);
    if (stray.length) throw new OidcConfigError(`Single sign-on: ${stray.join(" and ")} set but TOLLGATE_OIDC_ISSUER is not`);
    return null;
  }
  const names = Object.keys(configSchema.shape) as (keyof typeof configSchema.shape)[];
  const parsed = configSchema.safeParse(Object.fromEntries(names.map((name) => [name, present(env, name)])));
  if (!parsed.success) {
    throw new OidcConfigError(`Single sign-on is misconfigured: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  }
  const c = parsed.data;
  return {
    issuer: c.TOLLGATE_OIDC_ISSUER,
    clientId: c.TOLLGATE_OIDC_CLIENT_ID,
    clientSecret: c.TOLLGATE_OIDC_CLIENT_SECRET,
    rolesClaim: c.TOLLGATE_OIDC_ROLES_CLAIM,
    roleMap: parseRoleMap(c.TOLLGATE_OIDC_ROLE_MAP),
    label: c.TOLLGATE_OIDC_LABEL,
    publicUrl: c.TOLLGATE_PUBLIC_URL ? c.TOLLGATE_PUBLIC_URL.href.replace(/\/+$/, "") : null,
  };
}

let reportedProblem: string | null = null;

/** What the sign-in page shows: the button's label, or null when single sign-on is off (or misconfigured: logged). */
export function oidcSettings(): { label: string } | null {
  try {
    const config = readOidcConfig();
    return config && { label: config.label };
  } catch (error) {
    if (!(error instanceof OidcConfigError)) throw error;
    if (reportedProblem !== error.message) console.error(error.message);
    reportedProblem = error.message;
    return null;
  }
}

function requireConfig(): OidcConfig {
  let config: OidcConfig | null;
  try {
    config = readOidcConfig();
  } catch (error) {
    if (!(error instanceof OidcConfigError)) throw error;
    console.error(error.message);
    throw new ApiError(503, "sso_misconfigured", "Single sign-on is misconfigured; the server log says how.");
  }
  if (!config) throw new ApiError(404, "sso_not_configured", "Single sign-on is not configured on this server (set TOLLGATE_OIDC_ISSUER).");
  return config;
}

// ---------------------------------------------------------------------------------------------------------------
// Claims → roles

/** A claim by name; a dotted name (realm_access.roles) walks nested objects when no claim has the literal name. */
function claimValue(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split(".")) {
    if (typeof value !== "object" || value === null || !(part in value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The Tollgate roles a roles claim maps to, in ROLES order; null when the claim is absent. */
export function mapRoles(claim: unknown, roleMap: RoleMap): Role[] | null {
  if (claim === undefined || claim === null) return null;
  const values = Array.isArray(claim) ? claim.filter((v): v is string => typeof v === "string") : typeof claim === "string" ? claim.split(/[\s,]+/) : [];
  const mapped = new Set(values.flatMap((value) => roleMap.get(value) ?? []));
  return ROLES.filter((role) => mapped.has(role));
}

// ---------------------------------------------------------------------------------------------------------------
// The flow

// Per process, and safe beside other instances: the provider's metadata is the same for all of them, and one that
// fetched it later only holds a newer copy.
const discovered = new Map<string, Promise<oidc.Configuration>>();

/** The provider's metadata, fetched once per issuer and client (again after a failure). */
function providerConfiguration(config: OidcConfig): Promise<oidc.Configuration> {
  const key = [config.issuer.href, config.clientId, crypto.createHash("sha256").update(config.clientSecret).digest("hex")].join(" ");
  let pending = discovered.get(key);
  if (!pending) {
    // openid-client refuses plain http; only a provider on this machine (the tests') may use it.
    const insecure = config.issuer.protocol === "http:" && isLoopback(config.issuer);
    pending = oidc.discovery(config.issuer, config.clientId, config.clientSecret, undefined, insecure ? { execute: [oidc.allowInsecureRequests] } : undefined);
    pending.catch(() => discovered.delete(key));
    discovered.set(key, pending);
  }
  return pending;
}

const appOrigin = (config: OidcConfig, request: Request) => config.publicUrl ?? expectedOrigin(request);

const flowState = z.strictObject({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(1).max(200),
  redirectUri: z.string().max(2000),
  next: z.string().max(2000),
  expiresAt: z.number(),
});
type FlowState = z.infer<typeof flowState>;

function readFlowState(request: Request): FlowState | null {
  const raw = readCookie(request, OIDC_STATE_COOKIE);
  if (!raw || raw.length > 6000) return null;
  try {
    const parsed = flowState.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function redirect(location: URL | string, base: string): NextResponse {
  return NextResponse.redirect(new URL(location, base), 303);
}

const clearFlowState = (response: NextResponse, secure: boolean) =>
  response.cookies.set(OIDC_STATE_COOKIE, "", { httpOnly: true, secure, sameSite: "lax", path: STATE_COOKIE_PATH, expires: new Date(0) });

/** GET /api/auth/oidc/start?next=/path: to the provider, with PKCE, state and nonce kept in a cookie for the callback. */
export async function startOidcSignIn(request: Request): Promise<Response> {
  const config = requireConfig();
  const origin = appOrigin(config, request);
  let provider: oidc.Configuration;
  try {
    provider = await providerConfiguration(config);
  } catch (error) {
    console.error(`Single sign-on: cannot read the provider's metadata from ${config.issuer.href}:`, error);
    return redirect("/sign-in?error=sso_unavailable", origin);
  }
  const redirectUri = `${origin}${CALLBACK_PATH}`;
  const verifier = oidc.randomPKCECodeVerifier();
  const state: FlowState = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier,
    redirectUri,
    next: safeNext(new URL(request.url).searchParams.get("next")),
    expiresAt: Date.now() + STATE_LIFETIME_MS,
  };
  const authorizationUrl = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: redirectUri,
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: state.state,
    nonce: state.nonce,
  });
  const response = NextResponse.redirect(authorizationUrl, 303);
  response.cookies.set(OIDC_STATE_COOKIE, Buffer.from(JSON.stringify(state)).toString("base64url"), {
    httpOnly: true,
    secure: isHttps(request),
    sameSite: "lax",
    path: STATE_COOKIE_PATH,
    maxAge: STATE_LIFETIME_MS / 1000,
  });
  return response;
}

export type OidcFailure = "sso_failed" | "sso_denied" | "sso_expired" | "sso_no_email" | "sso_unverified" | "sso_no_role" | "sso_disabled" | "sso_conflict";

class Refusal extends Error {
  constructor(
    readonly code: OidcFailure,
    readonly reason: string,
    readonly email: string | null = null,
  ) {
    super(reason);
  }
}

/** What the audit trail keeps of a user (the same view as lib/auth/users.ts). */
const auditView = (row: { email: string; name: string | null; roles: string; workflows: string | null; disabledAt: Date | null }) => {
  const principal = toUserPrincipal({ id: "", ...row });
  return { email: row.email, name: row.name, roles: principal.roles, workflows: principal.workflows, disabled: row.disabledAt !== null };
};

interface SignedInClaims {
  subject: string;
  email: string;
  /** The provider vouches for the address (email_verified, or Entra's xms_edov): only then may it bind an existing user. */
  emailVerified: boolean;
  name: string | null;
  /** The mapped roles (empty when the claim is missing: Entra leaves it out once a user's last app role is removed);
   * null when TOLLGATE_OIDC_ROLES_CLAIM=none, i.e. roles are managed in Tollgate. */
  roles: Role[] | null;
}

/** Finds, binds or creates the user for these claims and brings their roles in line; the user, or a Refusal. */
async function provision(db: Database, claims: SignedInClaims, source: string | null): Promise<{ id: string; email: string }> {
  return inTransaction(db, async (tx) => {
    const bySubject = await readUserBySubject(tx, claims.subject);
    let row = bySubject ?? (await readUserByEmail(tx, claims.email));
    if (row && !bySubject && row.oidcSubject !== null) {
      throw new Refusal("sso_conflict", "email bound to another single sign-on account", claims.email);
    }
    if (row && !bySubject && !claims.emailVerified) {
      // An unverified address (Entra's email claim is user-editable) must not take over an existing account.
      throw new Refusal("sso_conflict", "unverified email matches an existing user", claims.email);
    }
    // The audit names the account as Tollgate knows it (the provider's address may have changed since binding).
    const actor: Actor = { type: "user", name: row?.email ?? claims.email, source };
    if (!row) {
      if (!claims.roles?.length) throw new Refusal("sso_no_role", claims.roles ? "no mapped role" : "roles are managed in Tollgate and no user exists", claims.email);
      // The new account would go by this address in the audit trail and on board decisions: an address the provider
      // does not vouch for (Entra's email claim can be edited by users) could put someone else's name there.
      if (!claims.emailVerified) throw new Refusal("sso_unverified", "unverified email: no account created", claims.email);
      row = await insertUser(tx, { id: crypto.randomUUID(), email: claims.email, name: claims.name, roles: claims.roles.join(","), oidcSubject: claims.subject });
      await appendAudit(tx, actor, { action: "user.create", target: row.email, after: { ...auditView(row), method: "oidc" } });
      return { id: row.id, email: row.email };
    }
    if (row.disabledAt) throw new Refusal("sso_disabled", "user disabled", row.email);
    if (claims.roles && claims.roles.length === 0) throw new Refusal("sso_no_role", "no mapped role", row.email);
    const held = row.roles.split(",");
    const current = ROLES.filter((role) => held.includes(role)).join(",");
    const rolesChange = claims.roles !== null && claims.roles.join(",") !== current;
    const roles = rolesChange && claims.roles ? claims.roles.join(",") : row.roles;
    if (rolesChange || row.oidcSubject === null || (row.name === null && claims.name)) {
      const before = row;
      row = await changeUser(tx, row.id, {
        roles,
        oidcSubject: claims.subject,
        // Binding drops any local password: it would keep working after the account is removed at the provider.
        ...(row.oidcSubject === null ? { passwordHash: null } : {}),
        ...(row.name === null && claims.name ? { name: claims.name } : {}),
      });
      if (rolesChange || before.name !== row.name) {
        await appendAudit(tx, actor, { action: "user.update", target: row.email, before: auditView(before), after: { ...auditView(row), method: "oidc" } });
      }
      if (before.oidcSubject === null) {
        // Its sign-in links go with the password: either would outlive the account at the provider.
        const linksRevoked = await revokeSignInLinks(tx, row.id);
        await appendAudit(tx, actor, { action: "user.sso_bound", target: row.email, after: { subject: claims.subject, passwordRemoved: before.passwordHash !== null, linksRevoked } });
      }
    }
    return { id: row.id, email: row.email };
  });
}

function readClaims(config: OidcConfig, claims: Record<string, unknown>): SignedInClaims {
  const issuer = typeof claims.iss === "string" ? claims.iss : config.issuer.href;
  const candidate = [claims.email, claims.preferred_username].find((v): v is string => typeof v === "string" && v.includes("@"));
  const emailVerified = claims.email === candidate && (claims.email_verified === true || claims.xms_edov === true || claims.xms_edov === "1");
  const parsedEmail = candidate === undefined ? null : emailField.safeParse(candidate);
  if (!parsedEmail?.success) throw new Refusal("sso_no_email", "no email address in the ID token");
  // A provider that says the address is unverified does not get to claim an account by it.
  if (claims.email === candidate && claims.email_verified === false) throw new Refusal("sso_no_email", "email not verified", parsedEmail.data);
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200) : null;
  return {
    subject: `${issuer} ${String(claims.sub)}`,
    email: parsedEmail.data,
    emailVerified,
    name,
    roles: config.rolesClaim === "none" ? null : (mapRoles(claimValue(claims, config.rolesClaim), config.roleMap) ?? []),
  };
}

/** GET /api/auth/oidc/callback: checks the provider's answer, provisions the user, opens a session, returns to `next`. */
export async function finishOidcSignIn(db: Database, request: Request): Promise<Response> {
  const config = requireConfig();
  const origin = appOrigin(config, request);
  const secure = isHttps(request);
  const source = clientAddress(request);
  const flow = readFlowState(request);
  const refuse = async (refusal: Refusal, audit: boolean) => {
    if (audit) await auditFailedSignIn(db, source, refusal.email, refusal.reason, "oidc");
    const response = redirect(`/sign-in?error=${refusal.code}`, origin);
    clearFlowState(response, secure);
    return response;
  };

  // No cookie: it expired, or the callback was bookmarked or replayed. Nothing to audit; start again.
  if (!flow || flow.expiresAt < Date.now()) return refuse(new Refusal("sso_expired", "sign-in state missing or expired"), false);
  const params = new URL(request.url).searchParams;
  const answered = params.get("state");
  if (!answered || !timingSafeEqual(answered, flow.state)) return refuse(new Refusal("sso_failed", "state mismatch"), true);

  let claims: SignedInClaims;
  try {
    const provider = await providerConfiguration(config);
    // The URL the provider redirected to, as registered (the request may arrive through a proxy under another host).
    const currentUrl = new URL(flow.redirectUri);
    currentUrl.search = params.toString();
    const tokens = await oidc.authorizationCodeGrant(
      provider,
      currentUrl,
      { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true },
      { redirect_uri: flow.redirectUri },
    );
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error("no ID token");
    claims = readClaims(config, idClaims as Record<string, unknown>);
  } catch (error) {
    if (error instanceof Refusal) return refuse(error, true);
    if (error instanceof oidc.AuthorizationResponseError) {
      // The provider refused, e.g. Entra's access_denied for a user not assigned to the app.
      // The provider's words arrive in the callback's query string: anyone can put control characters (NUL, which
      // Postgres refuses in text) there.
      const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, 200);
      const reason = `provider error: ${clean(error.error)}${error.error_description ? ` (${clean(error.error_description)})` : ""}`;
      return refuse(new Refusal(error.error === "access_denied" ? "sso_denied" : "sso_failed", reason), true);
    }
    console.error("Single sign-on: the provider's answer was not accepted:", error);
    return refuse(new Refusal("sso_failed", `token exchange or ID token validation failed: ${error instanceof Error ? error.message.slice(0, 200) : "unknown"}`), true);
  }

  let user: { id: string; email: string };
  try {
    user = await provision(db, claims, source);
  } catch (error) {
    if (error instanceof Refusal) return refuse(error, true);
    throw error;
  }
  const withCookies = await openSession(db, user, "oidc", source, secure);
  const response = withCookies(redirect(safeNext(flow.next), origin));
  clearFlowState(response, secure);
  return response;
}

function timingSafeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
