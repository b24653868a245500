// The hardening rules of the API, each tested through real route handlers: CSRF (a browser's state change needs this
// site's Origin and, with a session, the session's CSRF token; an API key needs neither), the per-key ingestion rate
// limit, body size limits on every route that reads JSON, and 500s that never carry internals.
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { anEvent, testActor, testProgram } from "@/lib/testing/fixtures";
import { routeParams, sessionRequest, signedInUser, type TestSession } from "@/lib/testing/sessions";
import { openDatabase, setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { createApiKey } from "@/lib/auth/keys";
import { createUser } from "@/lib/auth/users";
import { CSRF_HEADER } from "@/lib/auth/sessions";
import { MAX_BODY_BYTES } from "@/lib/contract/event";
import { ingestRateLimit, takeRequest } from "./rateLimit";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { POST as postEvent } from "@/app/api/v1/events/[type]/route";
import { PUT as putProgram } from "@/app/api/v1/program/route";
import { GET as getDecisions, POST as postDecision } from "@/app/api/v1/decisions/route";
import { PUT as putChecklist } from "@/app/api/v1/workflows/[key]/checklist/[item]/route";
import { POST as postKey } from "@/app/api/v1/keys/route";
import { POST as postUser } from "@/app/api/v1/users/route";
import { PATCH as patchUser } from "@/app/api/v1/users/[id]/route";
import { GET as getRetention, PUT as putRetention } from "@/app/api/v1/retention/route";
import { PUT as putLegalHold } from "@/app/api/v1/legal-holds/[workflow]/route";
import { POST as signIn } from "@/app/api/auth/sign-in/route";
import { PUT as putPassword } from "@/app/api/auth/password/route";
import { POST as useLink } from "@/app/api/auth/link/route";
import { POST as claimReview } from "@/app/api/v1/review/claim/route";
import { POST as recordReview } from "@/app/api/v1/review/items/[outputId]/route";

// listDecisions throws a raw error, as a failing database does, while `failDecisions.next` is set.
const failDecisions = vi.hoisted(() => ({ next: null as Error | null }));
vi.mock("@/lib/scorecards/decisions", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/scorecards/decisions")>();
  return {
    ...original,
    listDecisions: (...args: Parameters<typeof original.listDecisions>) => {
      const error = failDecisions.next;
      failDecisions.next = null;
      return error ? Promise.reject(error) : original.listDecisions(...args);
    },
  };
});

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

const ORIGIN = "http://localhost";
const PASSWORD = "a long enough password";
let test: TestDatabase;
const keys: Record<"ingest" | "ingest2" | "read" | "admin", string> = { ingest: "", ingest2: "", read: "", admin: "" };
let admin: TestSession;
let board: TestSession;

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
  await applyProgram(test.db, testProgram, testActor);
  for (const [name, scopes] of [
    ["ingest", ["ingest"]],
    ["ingest2", ["ingest"]],
    ["read", ["read"]],
    ["admin", ["admin"]],
  ] as const) {
    keys[name] = (await createApiKey(test.db, { name: `hardening-${name}`, scopes: [...scopes] }, testActor)).secret;
  }
  admin = await signedInUser(test.db, ["admin"]);
  board = await signedInUser(test.db, ["board"]);
  await createUser(test.db, { email: "signer@example.com", roles: ["viewer"] }, testActor, { password: PASSWORD });
});
afterAll(() => test.drop());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const keyRequest = (path: string, key: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
  new Request(`${ORIGIN}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
    body: init.body,
  });

const errorCode = async (response: Response) => ((await response.clone().json()) as { error?: { code?: string } }).error?.code;

describe("CSRF: a browser's state change with a session", () => {
  const retention = (init: Parameters<typeof sessionRequest>[2]) => putRetention(sessionRequest("/api/v1/retention", admin, { method: "PUT", body: { days: 400 }, ...init }), routeParams());
  const decision = (init: Parameters<typeof sessionRequest>[2]) =>
    postDecision(sessionRequest("/api/v1/decisions", board, { method: "POST", body: { workflow: "ticket-triage", cohort: "support-pilot", template: "nope", decision: "hold", rationale: "x" }, ...init }), routeParams());

  it.each<[string, Parameters<typeof sessionRequest>[2]]>([
    ["from another Origin (with the right token)", { origin: "https://evil.example" }],
    ["from a look-alike Origin", { origin: "http://localhost.evil.example" }],
    ["from the same host on another scheme", { origin: "https://localhost" }],
    ["with the Origin `null` (a sandboxed frame, a redirect)", { origin: "null" }],
    ["without the CSRF header", { csrf: false }],
    ["with a wrong CSRF token", { csrf: false, headers: { [CSRF_HEADER]: "not-the-token" } }],
    ["with an empty CSRF token", { csrf: false, headers: { [CSRF_HEADER]: "" } }],
    ["without Origin and without Sec-Fetch-Site (not a browser's own request)", { origin: null }],
    ["without Origin, from another site per Sec-Fetch-Site", { origin: null, headers: { "sec-fetch-site": "cross-site" } }],
    ["without Origin, from a sibling subdomain per Sec-Fetch-Site", { origin: null, headers: { "sec-fetch-site": "same-site" } }],
  ])("refuses a PUT %s with 403 csrf, changing nothing", async (_case, init) => {
    const before = (await (await getRetention(sessionRequest("/api/v1/retention", admin), routeParams())).json()) as { days: number | null };
    const response = await retention(init);
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe("csrf");
    const after = (await (await getRetention(sessionRequest("/api/v1/retention", admin), routeParams())).json()) as { days: number | null };
    expect(after.days).toBe(before.days);
  });

  it("refuses a POST from another Origin the same way", async () => {
    const response = await decision({ origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe("csrf");
    expect((await decision({ csrf: false })).status).toBe(403);
  });

  it("does not take another session's token", async () => {
    const response = await retention({ csrf: false, headers: { [CSRF_HEADER]: board.csrfToken } });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe("csrf");
  });

  it("passes with the same Origin and the right token", async () => {
    const response = await retention({});
    expect(response.status).toBe(200);
    // The board's POST gets past authentication and CSRF to the route itself (which finds no such template).
    const posted = await decision({});
    expect([401, 403]).not.toContain(posted.status);
    expect(await errorCode(posted)).not.toBe("csrf");
  });

  it("passes without Origin when the browser says same-origin (Sec-Fetch-Site), with the right token", async () => {
    expect((await retention({ origin: null, headers: { "sec-fetch-site": "same-origin" } })).status).toBe(200);
  });

  it("takes the Origin the browser used behind a reverse proxy (x-forwarded-host and -proto)", async () => {
    const proxied = { origin: "https://tollgate.example.com", headers: { "x-forwarded-host": "tollgate.example.com", "x-forwarded-proto": "https" } };
    expect((await retention(proxied)).status).toBe(200);
    expect((await retention({ ...proxied, origin: "http://tollgate.example.com" })).status).toBe(403);
  });

  it("does not apply to reads: a GET from anywhere with the session is answered", async () => {
    const response = await getRetention(sessionRequest("/api/v1/retention", admin, { headers: { origin: "https://evil.example" } }), routeParams());
    expect(response.status).toBe(200);
  });
});

describe("CSRF: API keys and the public sign-in", () => {
  it("lets an API-key request change state without Origin or CSRF token", async () => {
    const response = await putProgram(keyRequest("/api/v1/program", keys.admin, { method: "PUT", body: JSON.stringify(testProgram) }), routeParams());
    expect(response.status).toBe(200);
    const events = await postEvents(
      keyRequest("/api/v1/events", keys.ingest, { method: "POST", body: JSON.stringify({ events: [anEvent("output", { occurredAt: new Date(Date.now() - 60_000).toISOString() })] }) }),
      routeParams(),
    );
    expect(events.status).toBe(200);
  });

  it("refuses a sign-in posted from another Origin (login CSRF), before checking the password", async () => {
    const body = { email: "signer@example.com", password: PASSWORD };
    const foreign = await signIn(sessionRequest("/api/auth/sign-in", null, { method: "POST", body, origin: "https://evil.example" }), routeParams());
    expect(foreign.status).toBe(403);
    expect(await errorCode(foreign)).toBe("csrf");
    expect(foreign.headers.getSetCookie()).toEqual([]);
    const bare = await signIn(sessionRequest("/api/auth/sign-in", null, { method: "POST", body, origin: null }), routeParams());
    expect(bare.status).toBe(403);
    const own = await signIn(sessionRequest("/api/auth/sign-in", null, { method: "POST", body }), routeParams());
    expect(own.status).toBe(200);
  });
});

describe("CSRF token comparison", () => {
  it("compares the header with the session's token in constant time", async () => {
    const compare = vi.spyOn(crypto, "timingSafeEqual");
    const body = { status: "done" };
    const path = "/api/v1/workflows/ticket-triage/checklist/identity";
    const put = (csrf: boolean) => putChecklist(sessionRequest(path, admin, { method: "PUT", body, csrf }), routeParams({ key: "ticket-triage", item: "identity" }));
    expect((await put(true)).status).toBe(200);
    expect(compare).toHaveBeenCalled();
    const wrong = await putChecklist(sessionRequest(path, admin, { method: "PUT", body, headers: { [CSRF_HEADER]: `${admin.csrfToken}x` }, csrf: false }), routeParams({ key: "ticket-triage", item: "identity" }));
    expect(wrong.status).toBe(403);
  });
});

describe("token buckets in the database", () => {
  // Each row: rate, burst, then steps of [ms since start, expected whole seconds to wait].
  it.each<[string, number, number, [number, number][]]>([
    ["allows a burst, then refuses with the seconds to wait", 1, 3, [[0, 0], [0, 0], [0, 0], [0, 1], [0, 1]]],
    ["refills at the rate", 2, 2, [[0, 0], [0, 0], [0, 1], [499, 1], [500, 0], [500, 1], [1000, 0]]],
    ["never holds more than the burst after a quiet spell", 10, 2, [[0, 0], [0, 0], [60_000, 0], [60_000, 0], [60_000, 1]]],
    ["rounds the wait up to whole seconds", 0.25, 1, [[0, 0], [0, 4], [1000, 3], [3001, 1], [4000, 0]]],
    ["waits at least a second even when a token is nearly there", 100, 1, [[0, 0], [1, 1], [10, 0]]],
    ["allows one request even when the burst is below one", 0.5, 0.2, [[0, 0], [0, 2], [2000, 0]]],
    ["neither refills nor drains when the clock goes back", 1, 1, [[10_000, 0], [5_000, 6], [10_999, 1], [11_000, 0]]],
  ])("%s", async (name, perSecond, burst, steps) => {
    const answers: number[] = [];
    for (const [at] of steps) answers.push(await takeRequest(test.db, `bucket ${name}`, { perSecond, burst }, new Date(1_000_000 + at)));
    expect(answers).toEqual(steps.map(([, expected]) => expected));
  });

  it("keeps a bucket per key, shared by every instance on the database", async () => {
    const other = openDatabase(test.url);
    try {
      const at = new Date(5_000_000);
      const take = (db: typeof test.db, key: string) => takeRequest(db, key, { perSecond: 1, burst: 1 }, at);
      expect([await take(test.db, "a"), await take(other, "a"), await take(other, "b"), await take(test.db, "b")]).toEqual([0, 1, 0, 1]);
    } finally {
      await other.close();
    }
  });

  it.each<[string | undefined, string | undefined, { perSecond: number; burst: number } | null]>([
    [undefined, undefined, { perSecond: 50, burst: 100 }],
    ["", undefined, { perSecond: 50, burst: 100 }],
    ["0", undefined, null],
    ["5", undefined, { perSecond: 5, burst: 10 }],
    ["5", "7", { perSecond: 5, burst: 7 }],
    ["0.2", undefined, { perSecond: 0.2, burst: 1 }],
    ["-1", undefined, { perSecond: 50, burst: 100 }],
    ["lots", undefined, { perSecond: 50, burst: 100 }],
  ])("reads TOLLGATE_INGEST_RATE=%j and TOLLGATE_INGEST_BURST=%j as %j", (rate, burst, limit) => {
    vi.stubEnv("TOLLGATE_INGEST_RATE", rate);
    vi.stubEnv("TOLLGATE_INGEST_BURST", burst);
    expect(ingestRateLimit()).toEqual(limit);
  });
});

describe("ingestion rate limit on POST /api/v1/events", () => {
  const batch = () => JSON.stringify({ events: [anEvent("output", { occurredAt: new Date(Date.now() - 60_000).toISOString() })] });
  const post = (key: string) => postEvents(keyRequest("/api/v1/events", key, { method: "POST", body: batch() }), routeParams());
  const start = Date.now();
  const at = (ms: number) => vi.setSystemTime(new Date(start + ms));
  // Keys of their own: their buckets are filled at made-up times that requests elsewhere in this file must not meet.
  const limited = { a: "", b: "" };
  beforeAll(async () => {
    for (const name of ["a", "b"] as const) limited[name] = (await createApiKey(test.db, { name: `rate-limited-${name}`, scopes: ["ingest"] }, testActor)).secret;
  });
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"] }));
  afterEach(() => vi.useRealTimers());

  it("answers 429 with Retry-After once a key has used its burst, per key, until the bucket refills", async () => {
    vi.stubEnv("TOLLGATE_INGEST_RATE", "1");
    vi.stubEnv("TOLLGATE_INGEST_BURST", "2");
    at(0);
    expect((await post(limited.a)).status).toBe(200);
    expect((await post(limited.a)).status).toBe(200);
    const refused = await post(limited.a);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await errorCode(refused)).toBe("rate_limited");
    // Another key has its own bucket.
    expect((await post(limited.b)).status).toBe(200);
    at(1000);
    expect((await post(limited.a)).status).toBe(200);
    expect((await post(limited.a)).status).toBe(429);
  });

  it("stores nothing from a refused batch", async () => {
    vi.stubEnv("TOLLGATE_INGEST_RATE", "1");
    vi.stubEnv("TOLLGATE_INGEST_BURST", "1");
    at(60_000);
    await post(limited.a);
    const id = "rate-limited-event";
    const response = await postEvents(
      keyRequest("/api/v1/events", limited.a, { method: "POST", body: JSON.stringify({ events: [anEvent("output", { id, occurredAt: new Date(Date.now() - 60_000).toISOString() })] }) }),
      routeParams(),
    );
    expect(response.status).toBe(429);
    expect(await test.db.prisma.event.count({ where: { id } })).toBe(0);
  });

  it("uses TOLLGATE_INGEST_RATE from the environment", async () => {
    // One request per 1,000 s; twice that is below one, so the burst is the one request.
    vi.stubEnv("TOLLGATE_INGEST_RATE", "0.001");
    at(120_000);
    expect((await post(limited.b)).status).toBe(200);
    const refused = await post(limited.b);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(900);
  });

  it("is off with TOLLGATE_INGEST_RATE=0", async () => {
    vi.stubEnv("TOLLGATE_INGEST_RATE", "0");
    for (let i = 0; i < 5; i++) expect((await post(limited.b)).status).toBe(200);
  });

  it("does not limit reads", async () => {
    vi.stubEnv("TOLLGATE_INGEST_RATE", "1");
    vi.stubEnv("TOLLGATE_INGEST_BURST", "1");
    for (let i = 0; i < 3; i++) expect((await getDecisions(keyRequest("/api/v1/decisions?workflow=ticket-triage", keys.read), routeParams())).status).toBe(200);
  });
});

describe("body size limits", () => {
  // Every route that reads a JSON body, with its documented limit.
  type Caller = { key: keyof typeof keys } | { session: "admin" | "board" } | { anonymous: true };
  const routes: [string, string, Handler, string, Record<string, string>, Caller, number][] = [
    ["POST", "/api/v1/events", postEvents, "/api/v1/events", {}, { key: "ingest" }, MAX_BODY_BYTES],
    ["POST", "/api/v1/events/[type]", postEvent, "/api/v1/events/output", { type: "output" }, { key: "ingest" }, 64 * 1024],
    ["PUT", "/api/v1/program", putProgram, "/api/v1/program", {}, { key: "admin" }, 1024 * 1024],
    ["POST", "/api/v1/decisions", postDecision, "/api/v1/decisions", {}, { session: "board" }, 64 * 1024],
    ["PUT", "/api/v1/workflows/[key]/checklist/[item]", putChecklist, "/api/v1/workflows/ticket-triage/checklist/identity", { key: "ticket-triage", item: "identity" }, { key: "admin" }, 16 * 1024],
    ["POST", "/api/v1/keys", postKey, "/api/v1/keys", {}, { session: "admin" }, 16 * 1024],
    ["POST", "/api/v1/users", postUser, "/api/v1/users", {}, { session: "admin" }, 16 * 1024],
    ["PATCH", "/api/v1/users/[id]", patchUser, "/api/v1/users/{admin}", { id: "{admin}" }, { session: "admin" }, 16 * 1024],
    ["PUT", "/api/v1/retention", putRetention, "/api/v1/retention", {}, { session: "admin" }, 1024],
    ["PUT", "/api/v1/legal-holds/[workflow]", putLegalHold, "/api/v1/legal-holds/ticket-triage", { workflow: "ticket-triage" }, { session: "admin" }, 8 * 1024],
    ["POST", "/api/auth/sign-in", signIn, "/api/auth/sign-in", {}, { anonymous: true }, 4 * 1024],
    ["PUT", "/api/auth/password", putPassword, "/api/auth/password", {}, { session: "admin" }, 4 * 1024],
    ["POST", "/api/auth/link", useLink, "/api/auth/link", {}, { anonymous: true }, 1024],
    ["POST", "/api/v1/review/claim", claimReview, "/api/v1/review/claim", {}, { session: "admin" }, 4 * 1024],
    ["POST", "/api/v1/review/items/[outputId]", recordReview, "/api/v1/review/items/o-1", { outputId: "o-1" }, { session: "admin" }, 16 * 1024],
  ];

  /** A JSON object of exactly `bytes` bytes (which no route's contract accepts). */
  const jsonOfSize = (bytes: number) => `{"pad":"${"x".repeat(bytes - 10)}"}`;

  function request(method: string, path: string, caller: Caller, body: string, headers: Record<string, string> = {}): Request {
    const resolved = path.replace("{admin}", admin.userId);
    if ("key" in caller) return keyRequest(resolved, keys[caller.key], { method, body, headers });
    const session = "session" in caller ? (caller.session === "admin" ? admin : board) : null;
    return sessionRequest(resolved, session, { method, body, headers });
  }

  const call = (handler: Handler, params: Record<string, string>, r: Request) =>
    handler(r, routeParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.replace("{admin}", admin.userId)]))));

  it.each(routes)("%s %s: 413 for one byte over its limit, streamed", async (method, _rule, handler, path, params, caller, limit) => {
    expect(jsonOfSize(limit)).toHaveLength(limit);
    const over = await call(handler, params, request(method, path, caller, jsonOfSize(limit + 1)));
    expect(over.status).toBe(413);
    expect(await errorCode(over)).toBe("payload_too_large");
    // At the limit the body is read and judged by the route's contract instead.
    const at = await call(handler, params, request(method, path, caller, jsonOfSize(limit)));
    expect(at.status).toBe(400);
  });

  it.each(routes)("%s %s: 413 for a declared Content-Length over its limit, before reading", async (method, _rule, handler, path, params, caller, limit) => {
    const response = await call(handler, params, request(method, path, caller, "{}", { "content-length": String(limit + 1) }));
    expect(response.status).toBe(413);
  });

  it("covers every route that reads a JSON body", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const root = path.resolve(import.meta.dirname, "../..");
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === "route.ts" && fs.readFileSync(full, "utf8").includes("parseJsonBody(")) {
          found.push("/" + path.relative(path.join(root, "app"), path.dirname(full)).split(path.sep).join("/"));
        }
      }
    };
    walk(path.join(root, "app"));
    expect(found.sort()).toEqual([...new Set(routes.map(([, rule]) => rule))].sort());
  });
});

describe("no internals in errors", () => {
  const GENERIC = { error: { code: "internal", message: "Internal error; see the server log." } };
  const INTERNALS = [/select/i, /prisma/i, /\/work\//, /\.ts\b/, /\bat \S+ \(/, /Decision/, /sqlite/i, /stack/i];

  it("answers a raw library error (SQL and a file path in its message) with a bare 500, and logs it", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const raw = new Error(`SQLITE_ERROR: no such column: "secretHash" in SELECT "secretHash" FROM "ApiKey" WHERE 1=1 (at /work/main/lib/db/sql.ts:75:12)`);
    failDecisions.next = raw;
    const response = await getDecisions(keyRequest("/api/v1/decisions?workflow=ticket-triage", keys.read), routeParams());
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual(GENERIC);
    for (const pattern of INTERNALS) expect(text).not.toMatch(pattern);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(logged).toHaveBeenCalledWith(expect.any(String), raw);
  });

  it("answers a real database failure under the route (its table gone) with the same bare 500", async () => {
    const broken = await createTestDatabase("sqlite");
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const read = (await createApiKey(broken.db, { name: "reader", scopes: ["read"] }, testActor)).secret;
      await broken.db.sql.execute(`ALTER TABLE "Decision" RENAME TO "DecisionGone"`);
      setAppDatabase(broken.db);
      const response = await getDecisions(keyRequest("/api/v1/decisions?workflow=ticket-triage", read), routeParams());
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual(GENERIC);
      for (const pattern of INTERNALS) expect(text).not.toMatch(pattern);
      // The server log has what the answer leaves out.
      expect(String(logged.mock.calls.at(-1)?.[1])).toMatch(/Decision/);
    } finally {
      setAppDatabase(test.db);
      await broken.drop();
    }
  });
});
