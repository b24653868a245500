// Walks every route handler of the app, discovered from the file system, against every kind of caller, and checks
// the status against the hand-written table in lib/testing/expectedAccess.ts: a new route without a rule, a rule
// without a route, a rule that lets in more (or fewer) callers than the table says, or a handler that does not
// enforce its rule fails here. Pages are walked over HTTP by e2e/access.spec.ts.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { createApiKey } from "@/lib/auth/keys";
import { testActor, testProgram } from "@/lib/testing/fixtures";
import { routeParams, sessionRequest, signedInUser, type TestSession } from "@/lib/testing/sessions";
import { createSession } from "@/lib/auth/sessions";
import { CALLERS, EXPECTED_ACCESS, expectedOutcome, type Caller } from "@/lib/testing/expectedAccess";
import { authorize, type Principal } from "./authorize";
import type { Role } from "@/lib/contract/vocabulary";
import { actionRule, RULES } from "./rules";
import { APP_DIR, filesNamed, patternOf, routeHandlerKeys, ROUTE_METHODS } from "@/lib/testing/appRoutes";
import { REFUSES_METHOD } from "@/lib/http";

const routeFiles = filesNamed(APP_DIR, ["route.ts"]);
const pageFiles = filesNamed(APP_DIR, ["page.tsx"]);
const actionFiles = filesNamed(APP_DIR, ["actions.ts"]);

/** Values for the dynamic segments: they name registered things, so a handler that lets the caller in gets on with it. */
const SAMPLE_PARAMS: Record<string, string> = { key: "ticket-triage", workflow: "ticket-triage", cohort: "support-pilot", item: "identity", name: "no-such-key", id: "no-such-user", outputId: "no-such-output" };
const fill = (pattern: string) => pattern.replace(/\[(\w+)\]/g, (_, name: string) => SAMPLE_PARAMS[name] ?? "x");
const paramsOf = (pattern: string) => Object.fromEntries([...pattern.matchAll(/\[(\w+)\]/g)].map(([, name]) => [name!, SAMPLE_PARAMS[name!] ?? "x"]));

describe("the rules table covers the app", () => {
  it("has a rule for every route handler method, page and server action, and no rule without one", async () => {
    const found = new Set<string>(await routeHandlerKeys());
    for (const file of pageFiles) found.add(`GET ${patternOf(file)}`);
    for (const file of actionFiles) {
      const source = fs.readFileSync(file, "utf8");
      for (const [, name] of source.matchAll(/export async function (\w+)/g)) {
        found.add(`ACTION ${name}`);
        // A server action checks its own rule before anything else.
        expect(source, `${path.relative(APP_DIR, file)}: ${name} must call authorizeAction("${name}")`).toContain(`authorizeAction("${name}")`);
      }
    }
    expect([...found].filter((route) => !(route in RULES)), "routes without a rule in lib/auth/rules.ts").toEqual([]);
    expect(Object.keys(RULES).filter((rule) => !found.has(rule)), "rules without a route").toEqual([]);
    expect(Object.keys(EXPECTED_ACCESS).sort(), "lib/testing/expectedAccess.ts lists every rule").toEqual(Object.keys(RULES).sort());
  });

  it("has every page call requirePage first", () => {
    for (const file of pageFiles) {
      const source = fs.readFileSync(file, "utf8");
      expect(source, `${path.relative(APP_DIR, file)} must check access with requirePage()`).toMatch(/await require(SignedIn)?Page\(\)/);
    }
  });
});

type SignedInCaller = { caller: Caller; principal: Principal | null; session?: TestSession; bearer?: string };

describe("every route handler enforces its rule for every caller", () => {
  let test: TestDatabase;
  const callers: SignedInCaller[] = [];
  const users: Partial<Record<Caller, { roles: Role[]; workflows: string[] }>> = {
    viewer: { roles: ["viewer"], workflows: [] },
    board: { roles: ["board"], workflows: [] },
    admin: { roles: ["admin"], workflows: [] },
    owner: { roles: ["owner"], workflows: ["ticket-triage"] },
    "other-owner": { roles: ["owner"], workflows: ["crm-enrichment"] },
    "other-owner+board": { roles: ["owner", "board"], workflows: ["crm-enrichment"] },
    reviewer: { roles: ["reviewer"], workflows: ["ticket-triage"] },
  };

  beforeAll(async () => {
    process.env.TOLLGATE_INGEST_RATE = "0";
    test = await createTestDatabase("sqlite");
    setAppDatabase(test.db);
    await applyProgram(test.db, testProgram, testActor);
    callers.push({ caller: "anonymous", principal: null });
    for (const [caller, { roles, workflows }] of Object.entries(users) as [Caller, { roles: Role[]; workflows: string[] }][]) {
      const session = await signedInUser(test.db, roles, workflows);
      callers.push({ caller, session, principal: { kind: "user", id: session.userId, email: session.email, name: null, roles, workflows } });
    }
    for (const scope of ["ingest", "read", "admin", "review"] as const) {
      const { secret, key } = await createApiKey(test.db, { name: `${scope}-key`, scopes: [scope] }, testActor);
      const principal: Principal = { kind: "key", id: "", name: key.name, scopes: new Set([scope]), workflows: null };
      callers.push({ caller: `${scope}-key`, principal, bearer: secret });
    }
    expect(callers.map((c) => c.caller).sort()).toEqual([...CALLERS].sort());
  });
  afterAll(() => test.drop());

  it("answers each route as the table says", async () => {
    const outcomes: string[] = [];
    for (const file of routeFiles) {
      const pattern = patternOf(file);
      const routeModule = (await import(file)) as Record<string, (request: Request, context: unknown) => Promise<Response>>;
      for (const method of ROUTE_METHODS) {
        const handler = routeModule[method];
        // A method the route only refuses (405) has no rule: nobody is let in.
        if (!handler || REFUSES_METHOD in handler) continue;
        for (const { caller, session: signedIn, bearer } of callers) {
          // A fresh session per call: sign-out ends the one it is called with.
          const session = signedIn && { ...signedIn, ...(await createSession(test.db, signedIn.userId, "password")) };
          const request = sessionRequest(fill(pattern), session ?? null, {
            method,
            body: method === "GET" || method === "DELETE" ? undefined : {},
            headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
          });
          const response = await handler(request, routeParams(paramsOf(pattern)));
          const expected = expectedOutcome(`${method} ${pattern}`, caller);
          const outcome = [401, 403].includes(response.status) ? response.status : "allowed";
          if (outcome !== expected || response.status >= 500) {
            outcomes.push(`${method} ${pattern} as ${caller}: ${response.status}, expected ${expected === "allowed" ? "not 401/403" : expected}`);
          }
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it("lets into each server action whom the table says", () => {
    const actions = Object.keys(RULES).filter((rule) => rule.startsWith("ACTION "));
    const outcomes = actions.flatMap((rule) =>
      callers.flatMap(({ caller, principal }) => {
        const decision = authorize(actionRule(rule.slice("ACTION ".length)), principal);
        const outcome = decision.allowed ? "allowed" : decision.status;
        return outcome === expectedOutcome(rule, caller) ? [] : [`${rule} as ${caller}: ${outcome}`];
      }),
    );
    expect(outcomes).toEqual([]);
  });
});
