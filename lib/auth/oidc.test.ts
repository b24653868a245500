// Single sign-on end to end against a real OpenID provider (oidc-provider, the certified implementation by the author
// of openid-client) on a free 127.0.0.1 port: the start route's redirect, the provider's login, the callback route,
// the session it opens, role changes, refusals and a tampered state. Plus the configuration and role mapping by table.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
// @ts-expect-error -- oidc-provider ships no type declarations (@types/oidc-provider is a separate package); the
// little used here is typed by OidcProvider below.
import ProviderClass from "oidc-provider";
import { setAppDatabase } from "@/lib/db/database";
import { PEER_HEADER } from "@/lib/http";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "@/lib/testing/databases";
import { testActor } from "@/lib/testing/fixtures";
import { consumeSignInLink, createSignInLink, createUser, peekSignInLink, setPassword, updateUser } from "@/lib/auth/users";
import { signInWithPassword } from "@/lib/auth/passwordSignIn";
import { readSession, SESSION_COOKIE, CSRF_COOKIE } from "./sessions";
import { mapRoles, OIDC_STATE_COOKIE, OidcConfigError, oidcSettings, parseRoleMap, readOidcConfig } from "./oidc";
import { GET as start } from "@/app/api/auth/oidc/start/route";
import { GET as callback } from "@/app/api/auth/oidc/callback/route";

interface OidcProvider {
  callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<{ prompt: { name: string } }>;
  interactionFinished(req: http.IncomingMessage, res: http.ServerResponse, result: unknown, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
}
type ProviderConstructor = new (issuer: string, configuration: unknown) => OidcProvider;

interface Account {
  email?: string;
  email_verified?: boolean;
  name?: string;
  roles?: string[];
}

const CLIENT_ID = "tollgate-test";
const CLIENT_SECRET = "a-test-client-secret-that-is-long-enough";
const APP = "http://localhost";
const REDIRECT_URI = `${APP}/api/auth/oidc/callback`;

/** The accounts the provider knows, by subject; the interaction below logs in `signingIn`. */
const accounts = new Map<string, Account>();
let signingIn = "";
let server: http.Server;
let issuer = "";

beforeAll(async () => {
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const Provider = ProviderClass as ProviderConstructor;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: "client_secret_post" }],
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    // Entra puts `roles` (app roles) in the ID token; so does this provider, for the openid scope.
    claims: { openid: ["sub", "roles"], email: ["email", "email_verified"], profile: ["name"] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    // Consent is implied: every sign-in gets the grant the app asks for.
    async loadExistingGrant(ctx: { oidc: { provider: { Grant: new (init: unknown) => GrantLike }; client: { clientId: string }; session: { accountId: string } } }) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid profile email");
      await grant.save();
      return grant;
    },
    cookies: { keys: ["test-cookie-key"] },
    jwks: { keys: [{ ...crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), kid: "test", use: "sig" }] },
  });
  const handle = provider.callback();
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!req.url?.startsWith("/interaction/")) return handle(req, res);
    // The login page: logs in the account the test chose, without a form.
    void provider
      .interactionDetails(req, res)
      .then(() => provider.interactionFinished(req, res, { login: { accountId: signingIn } }, { mergeWithLastSubmission: false }))
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface GrantLike {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

function configure(extra: Record<string, string> = {}) {
  vi.stubEnv("TOLLGATE_OIDC_ISSUER", issuer);
  vi.stubEnv("TOLLGATE_OIDC_CLIENT_ID", CLIENT_ID);
  vi.stubEnv("TOLLGATE_OIDC_CLIENT_SECRET", CLIENT_SECRET);
  vi.stubEnv("TOLLGATE_OIDC_ROLE_MAP", "Tollgate.Admin=admin,Tollgate.Board=board,Tollgate.Owner=owner,Tollgate.Viewer=viewer");
  for (const [name, value] of Object.entries(extra)) vi.stubEnv(name, value);
}

const route = { params: Promise.resolve({}) };

/** The Set-Cookie headers of a response, by name. */
function setCookies(response: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const eq = pair!.indexOf("=");
    out.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
  return out;
}

let browsers = 0;

/** Signs `subject` in through the provider, as a browser would (each from an address of its own); the callback route's response. */
async function signIn(subject: string, options: { next?: string; tamperState?: boolean } = {}): Promise<Response> {
  signingIn = subject;
  browsers += 1;
  const peer = { [PEER_HEADER]: `10.77.${Math.floor(browsers / 250)}.${(browsers % 250) + 1}` };
  const started = await start(new Request(`${APP}/api/auth/oidc/start?next=${encodeURIComponent(options.next ?? "/")}`, { headers: peer }), route);
  expect(started.status).toBe(303);
  const flowCookie = setCookies(started).get(OIDC_STATE_COOKIE);
  expect(flowCookie).toBeTruthy();
  expect(started.headers.getSetCookie()[0]).toMatch(/HttpOnly/i);
  expect(started.headers.getSetCookie()[0]).toMatch(/SameSite=lax/i);
  expect(started.headers.getSetCookie()[0]).toMatch(/Path=\/api\/auth\/oidc/);

  // The provider's side, with a cookie jar of its own (a fresh browser each time).
  const jar = new Map<string, string>();
  let location = started.headers.get("location")!;
  expect(location.startsWith(`${issuer}/auth?`)).toBe(true);
  for (let hops = 0; !location.startsWith(REDIRECT_URI); hops++) {
    if (hops > 10) throw new Error("too many redirects at the provider");
    const response = await fetch(new URL(location, issuer), {
      redirect: "manual",
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const [name, value] of setCookies(response)) jar.set(name, value);
    const next = response.headers.get("location");
    if (!next) throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
    location = next;
  }
  const landing = new URL(location);
  if (options.tamperState) landing.searchParams.set("state", "not-the-state");
  return callback(new Request(landing, { headers: { ...peer, cookie: `${OIDC_STATE_COOKIE}=${flowCookie}` } }), route);
}

describeEachDatabase("OpenID Connect single sign-on", (database) => {
  beforeAll(() => {
    setAppDatabase(database());
    configure();
  });
  afterAll(() => vi.unstubAllEnvs());

  const auditOf = (action: string, target: string) =>
    database().prisma.auditRecord.findMany({ where: { action, target }, orderBy: { seq: "asc" } });

  it("creates a user just in time with the mapped roles, opens a session and returns to next", async () => {
    accounts.set("alice-sub", { email: "Alice@Example.com", email_verified: true, name: "Alice Adams", roles: ["Tollgate.Admin", "Tollgate.Viewer", "Other.Role"] });
    const response = await signIn("alice-sub", { next: "/workflows/ticket-triage?tab=gates" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP}/workflows/ticket-triage?tab=gates`);
    const cookies = setCookies(response);
    expect(cookies.get(OIDC_STATE_COOKIE)).toBe("");
    expect(cookies.get(CSRF_COOKIE)).toBeTruthy();
    const session = await readSession(database(), cookies.get(SESSION_COOKIE));
    expect(session?.user).toMatchObject({ email: "alice@example.com", name: "Alice Adams", roles: ["admin", "viewer"] });
    const user = await database().prisma.user.findUnique({ where: { email: "alice@example.com" } });
    expect(user?.oidcSubject).toBe(`${issuer} alice-sub`);
    expect(await auditOf("user.create", "alice@example.com")).toHaveLength(1);
    const [signedIn] = await auditOf("auth.sign_in", "alice@example.com");
    expect(signedIn).toMatchObject({ actorType: "user", actor: "alice@example.com", after: JSON.stringify({ method: "oidc" }) });
    const dbSession = await database().prisma.session.findFirst({ where: { userId: user!.id } });
    expect(dbSession?.method).toBe("oidc");
  });

  it("creates no account from an email the provider does not vouch for", async () => {
    accounts.set("frank-sub", { email: "ceo@example.com", name: "Not the CEO", roles: ["Tollgate.Board"] });
    const response = await signIn("frank-sub");
    expect(response.headers.get("location")).toBe(`${APP}/sign-in?error=sso_unverified`);
    expect(setCookies(response).get(SESSION_COOKIE)).toBeUndefined();
    expect(await database().prisma.user.findUnique({ where: { email: "ceo@example.com" } })).toBeNull();
    const [refused] = await auditOf("auth.sign_in_failed", "ceo@example.com");
    expect(JSON.parse(refused!.after!)).toEqual({ reason: "unverified email: no account created", method: "oidc" });
  });

  it("makes the roles follow the claim at the next sign-in, audited", async () => {
    accounts.set("alice-sub", { email: "alice@example.com", name: "Alice Adams", roles: ["Tollgate.Board"] });
    const response = await signIn("alice-sub", { next: "//evil.example/x" });
    expect(response.headers.get("location")).toBe(`${APP}/`);
    const session = await readSession(database(), setCookies(response).get(SESSION_COOKIE));
    expect(session?.user.roles).toEqual(["board"]);
    const [update] = await auditOf("user.update", "alice@example.com");
    expect(JSON.parse(update!.before!).roles).toEqual(["admin", "viewer"]);
    expect(JSON.parse(update!.after!).roles).toEqual(["board"]);
  });

  it("binds an existing user by a verified email, and never by an unverified one (no account takeover)", async () => {
    const bob = await createUser(database(), { email: "bob@example.com", name: "Bob", roles: ["owner"] }, testActor);
    await setPassword(database(), bob.id, "bob's old local password", testActor);
    const oldLink = await createSignInLink(database(), bob.id, testActor);
    accounts.set("mallory-sub", { email: "bob@example.com", roles: ["Tollgate.Owner"] });
    const takeover = await signIn("mallory-sub");
    expect(takeover.headers.get("location")).toBe(`${APP}/sign-in?error=sso_conflict`);
    expect(setCookies(takeover).get(SESSION_COOKIE)).toBeUndefined();
    expect((await database().prisma.user.findUnique({ where: { email: "bob@example.com" } }))?.oidcSubject).toBeNull();

    accounts.set("bob-sub", { email: "BOB@example.com", email_verified: true, name: "Bob", roles: ["Tollgate.Owner"] });
    const response = await signIn("bob-sub");
    const session = await readSession(database(), setCookies(response).get(SESSION_COOKIE));
    expect(session?.user).toMatchObject({ email: "bob@example.com", roles: ["owner"] });
    expect((await database().prisma.user.findUnique({ where: { email: "bob@example.com" } }))?.oidcSubject).toBe(`${issuer} bob-sub`);
    // The local password is gone with the binding: removing Bob at the provider locks him out of Tollgate too.
    expect((await signInWithPassword(database(), "bob@example.com", "bob's old local password", null)).ok).toBe(false);
    expect(JSON.parse((await auditOf("user.sso_bound", "bob@example.com"))[0]!.after!)).toEqual({ subject: `${issuer} bob-sub`, passwordRemoved: true, linksRevoked: 1 });
    // So is the link he had: it no longer signs him in past the provider.
    expect(await peekSignInLink(database(), oldLink.token)).toBeNull();
    expect(await consumeSignInLink(database(), oldLink.token)).toBeNull();
    // Nor can anyone hand him a new one; a password set on the server is the audited break-glass.
    await expect(createSignInLink(database(), bob.id, { type: "user", name: "admin@example.com", source: null })).rejects.toThrow(/single sign-on/);
    await expect(createSignInLink(database(), bob.id, { type: "cli", name: "root", source: "cli" })).rejects.toThrow(/users password/);
  });

  it("refuses a bound user whose token no longer carries the roles claim (Entra drops it with the last app role)", async () => {
    accounts.set("bob-sub", { email: "bob@example.com", email_verified: true, name: "Bob" });
    const response = await signIn("bob-sub");
    expect(response.headers.get("location")).toBe(`${APP}/sign-in?error=sso_no_role`);
    expect(setCookies(response).get(SESSION_COOKIE)).toBeUndefined();
  });

  it("refuses an account with no mapped role: no session, no user, an auth.sign_in_failed record", async () => {
    accounts.set("carol-sub", { email: "carol@example.com", roles: ["Some.Other.App"] });
    const response = await signIn("carol-sub");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP}/sign-in?error=sso_no_role`);
    expect(setCookies(response).get(SESSION_COOKIE)).toBeUndefined();
    expect(await database().prisma.user.findUnique({ where: { email: "carol@example.com" } })).toBeNull();
    const [failed] = await auditOf("auth.sign_in_failed", "carol@example.com");
    expect(failed).toMatchObject({ actorType: "anonymous" });
    expect(JSON.parse(failed!.after!)).toEqual({ reason: "no mapped role", method: "oidc" });
  });

  it("refuses a disabled user", async () => {
    const user = await createUser(database(), { email: "dave@example.com", roles: ["viewer"] }, testActor);
    await updateUser(database(), user.id, { disabled: true }, testActor);
    accounts.set("dave-sub", { email: "dave@example.com", email_verified: true, roles: ["Tollgate.Viewer"] });
    const response = await signIn("dave-sub");
    expect(response.headers.get("location")).toBe(`${APP}/sign-in?error=sso_disabled`);
    expect(setCookies(response).get(SESSION_COOKIE)).toBeUndefined();
    expect(await auditOf("auth.sign_in_failed", "dave@example.com")).toHaveLength(1);
  });

  it("refuses a tampered state, and a callback without the state cookie", async () => {
    accounts.set("erin-sub", { email: "erin@example.com", roles: ["Tollgate.Viewer"] });
    const tampered = await signIn("erin-sub", { tamperState: true });
    expect(tampered.headers.get("location")).toBe(`${APP}/sign-in?error=sso_failed`);
    expect(setCookies(tampered).get(SESSION_COOKIE)).toBeUndefined();
    expect(await database().prisma.user.findUnique({ where: { email: "erin@example.com" } })).toBeNull();

    const bare = await callback(new Request(`${APP}/api/auth/oidc/callback?code=x&state=y`), route);
    expect(bare.headers.get("location")).toBe(`${APP}/sign-in?error=sso_expired`);
  });
});

describe("OpenID Connect routes without configuration", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    setAppDatabase(test.db);
  });
  afterAll(() => test.drop());

  it("answer 404 with a clear message", async () => {
    vi.stubEnv("TOLLGATE_OIDC_ISSUER", "");
    vi.stubEnv("TOLLGATE_OIDC_CLIENT_ID", "");
    vi.stubEnv("TOLLGATE_OIDC_CLIENT_SECRET", "");
    try {
      for (const handler of [start, callback]) {
        const response = await handler(new Request(`${APP}/api/auth/oidc/start`), route);
        expect(response.status).toBe(404);
        expect((await response.json()).error).toMatchObject({ code: "sso_not_configured", message: expect.stringContaining("TOLLGATE_OIDC_ISSUER") });
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("OpenID Connect settings for the sign-in page", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    setAppDatabase(test.db);
  });
  afterAll(() => test.drop());

  it("give the label when configured, null when not or when misconfigured (routes then answer 503)", async () => {
    try {
      vi.stubEnv("TOLLGATE_OIDC_ISSUER", "https://login.microsoftonline.com/tenant/v2.0");
      vi.stubEnv("TOLLGATE_OIDC_CLIENT_ID", "app-id");
      vi.stubEnv("TOLLGATE_OIDC_CLIENT_SECRET", "secret");
      vi.stubEnv("TOLLGATE_OIDC_LABEL", "Sign in with Contoso");
      expect(oidcSettings()).toEqual({ label: "Sign in with Contoso" });
      vi.stubEnv("TOLLGATE_OIDC_ROLE_MAP", "Tollgate.Admin=root");
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      expect(oidcSettings()).toBeNull();
      const response = await start(new Request(`${APP}/api/auth/oidc/start`), route);
      expect(response.status).toBe(503);
      expect(log).toHaveBeenCalledWith(expect.stringContaining('"root" is not a role'));
      log.mockRestore();
      vi.stubEnv("TOLLGATE_OIDC_ISSUER", "");
      vi.stubEnv("TOLLGATE_OIDC_CLIENT_ID", "");
      vi.stubEnv("TOLLGATE_OIDC_CLIENT_SECRET", "");
      expect(oidcSettings()).toBeNull();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("OpenID Connect configuration", () => {
  const base = {
    TOLLGATE_OIDC_ISSUER: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
    TOLLGATE_OIDC_CLIENT_ID: "app-id",
    TOLLGATE_OIDC_CLIENT_SECRET: "secret",
  };

  it("reads a full configuration with defaults", () => {
    const config = readOidcConfig(base)!;
    expect(config.issuer.href).toBe(base.TOLLGATE_OIDC_ISSUER);
    expect(config).toMatchObject({ clientId: "app-id", rolesClaim: "roles", label: "Sign in with Microsoft", publicUrl: null });
    expect([...config.roleMap]).toEqual([
      ["admin", ["admin"]],
      ["owner", ["owner"]],
      ["board", ["board"]],
      ["viewer", ["viewer"]],
      ["reviewer", ["reviewer"]],
    ]);
    expect(readOidcConfig({ ...base, TOLLGATE_PUBLIC_URL: "https://tollgate.example.com/" })!.publicUrl).toBe("https://tollgate.example.com");
  });

  it.each([
    [{}, null],
    [{ TOLLGATE_OIDC_ISSUER: "  " }, null],
    [{ TOLLGATE_OIDC_CLIENT_ID: "x" }, /TOLLGATE_OIDC_CLIENT_ID set but TOLLGATE_OIDC_ISSUER is not/],
    [{ ...base, TOLLGATE_OIDC_CLIENT_ID: undefined }, /TOLLGATE_OIDC_CLIENT_ID is required/],
    [{ ...base, TOLLGATE_OIDC_CLIENT_SECRET: "" }, /TOLLGATE_OIDC_CLIENT_SECRET is required/],
    [{ ...base, TOLLGATE_OIDC_ISSUER: "login.microsoftonline.com" }, /TOLLGATE_OIDC_ISSUER must be an absolute URL/],
    [{ ...base, TOLLGATE_OIDC_ISSUER: "http://idp.example.com" }, /TOLLGATE_OIDC_ISSUER must be an https:\/\/ URL/],
    [{ ...base, TOLLGATE_PUBLIC_URL: "http://tollgate.example.com" }, /TOLLGATE_PUBLIC_URL must be an https:\/\/ URL/],
    [{ ...base, TOLLGATE_OIDC_ROLE_MAP: "Tollgate.Admin=root" }, /"root" is not a role/],
    [{ ...base, TOLLGATE_OIDC_ROLE_MAP: "Tollgate.Admin" }, /not of the form <claim value>=<role>/],
  ] as [Record<string, string | undefined>, RegExp | null][])("%o", (env, expected) => {
    if (expected === null) expect(readOidcConfig(env)).toBeNull();
    else expect(() => readOidcConfig(env)).toThrow(expected);
    if (expected !== null) expect(() => readOidcConfig(env)).toThrow(OidcConfigError);
  });

  it("allows plain http for a provider on this machine only", () => {
    expect(readOidcConfig({ ...base, TOLLGATE_OIDC_ISSUER: "http://127.0.0.1:4000" })!.issuer.protocol).toBe("http:");
    expect(readOidcConfig({ ...base, TOLLGATE_OIDC_ISSUER: "http://localhost:4000" })!.issuer.protocol).toBe("http:");
  });
});

describe("role mapping", () => {
  const entra = parseRoleMap("Tollgate.Admin=admin, Tollgate.Board=board,Tollgate.Owner=owner,Tollgate.Viewer=viewer,Tollgate.Lead=board,Tollgate.Lead=viewer");
  const identity = parseRoleMap(undefined);

  it.each([
    [undefined, entra, null],
    [null, entra, null],
    [[], entra, []],
    [["Tollgate.Admin"], entra, ["admin"]],
    [["Tollgate.Viewer", "Tollgate.Admin", "Tollgate.Admin"], entra, ["admin", "viewer"]],
    [["Tollgate.Lead"], entra, ["board", "viewer"]],
    [["tollgate.admin", "admin"], entra, []],
    ["Tollgate.Board Tollgate.Owner", entra, ["owner", "board"]],
    [[42, "Tollgate.Board"], entra, ["board"]],
    [["viewer", "board", "superuser"], identity, ["board", "viewer"]],
    [{ admin: true }, identity, []],
  ] as [unknown, ReturnType<typeof parseRoleMap>, string[] | null][])("%o maps to %o", (claim, map, expected) => {
    expect(mapRoles(claim, map)).toEqual(expected);
  });
});
