import { describe, expect, it } from "vitest";
import { authorize, mayReview, type Principal } from "./authorize";
import { matchRule, RULES, type Access } from "./rules";

const user = (roles: string[], workflows: string[] = []): Principal => ({ kind: "user", id: "u", email: "u@example.com", name: null, roles: roles as never, workflows });
const key = (scopes: string[]): Principal => ({ kind: "key", id: "k", name: "k", scopes: new Set(scopes as never), workflows: null });

const READ: Access = { key: "read", roles: ["admin", "owner", "board", "viewer"] };
const CHECKLIST: Access = { key: "admin", roles: ["admin", "owner"], ownerOf: "key" };
const DECIDE: Access = { key: "admin", roles: ["board"] };
const ADMIN_ONLY: Access = { roles: ["admin"] };
const SIGNED_IN: Access = { signedIn: true };

describe("authorize", () => {
  it.each([
    ["anyone on a public route", { public: true } as Access, null, {}, true],
    ["anonymous on a read route", READ, null, {}, 401],
    ["a viewer reads", READ, user(["viewer"]), {}, true],
    ["a read key reads", READ, key(["read"]), {}, true],
    ["an ingest key cannot read", READ, key(["ingest"]), {}, 403],
    ["a board member decides", DECIDE, user(["board"]), {}, true],
    ["an admin is not the board", DECIDE, user(["admin"]), {}, 403],
    ["a viewer cannot decide", DECIDE, user(["viewer"]), {}, 403],
    ["an admin key decides (machines)", DECIDE, key(["admin"]), {}, true],
    ["an owner edits their workflow's checklist", CHECKLIST, user(["owner"], ["ticket-triage"]), { key: "ticket-triage" }, true],
    ["an owner cannot edit another workflow's checklist", CHECKLIST, user(["owner"], ["crm"]), { key: "ticket-triage" }, 403],
    ["an owner and viewer of another workflow still cannot", CHECKLIST, user(["owner", "viewer"], ["crm"]), { key: "ticket-triage" }, 403],
    ["an admin edits any checklist", CHECKLIST, user(["admin"]), { key: "ticket-triage" }, true],
    ["a key is refused on a users-only route", ADMIN_ONLY, key(["admin"]), {}, 403],
    ["a viewer is refused on an admin route", ADMIN_ONLY, user(["viewer"]), {}, 403],
    ["a user with several roles gets the union", ADMIN_ONLY, user(["viewer", "admin"]), {}, true],
    ["any signed-in user on their account", SIGNED_IN, user([]), {}, true],
    ["a key on a signed-in route", SIGNED_IN, key(["admin"]), {}, 403],
    ["anonymous on a signed-in route", SIGNED_IN, null, {}, 401],
  ] as const)("%s", (_case, access, principal, params, expected) => {
    const decision = authorize(access, principal, params);
    if (expected === true) expect(decision).toEqual({ allowed: true });
    else expect(decision).toMatchObject({ allowed: false, status: expected });
  });

  it("names the missing scope or roles in its refusal", () => {
    expect(authorize(READ, key(["ingest"]))).toMatchObject({ message: 'This API key lacks the "read" scope.' });
    expect(authorize(DECIDE, user(["viewer"]))).toMatchObject({ message: "This needs the board role." });
    expect(authorize(CHECKLIST, user(["owner"], ["crm"]), { key: "ticket-triage" })).toMatchObject({ message: 'You are not an owner of the workflow "ticket-triage".' });
  });
});

describe("matchRule", () => {
  it.each([
    ["GET", "/", "GET /", {}],
    ["GET", "/workflows/ticket-triage", "GET /workflows/[key]", { key: "ticket-triage" }],
    ["GET", "/workflows/ticket-triage/cohorts", "GET /workflows/[key]/cohorts", { key: "ticket-triage" }],
    ["PUT", "/api/v1/workflows/a%20b/checklist/identity", "PUT /api/v1/workflows/[key]/checklist/[item]", { key: "a b", item: "identity" }],
    ["HEAD", "/api/health", "GET /api/health", {}],
    ["POST", "/api/v1/users/u1/sign-in-link", "POST /api/v1/users/[id]/sign-in-link", { id: "u1" }],
  ])("%s %s → %s", (method, path, rule, params) => {
    expect(matchRule(method, path)).toEqual({ rule, access: RULES[rule], params });
  });

  it("has no rule for an unknown path or method: no rule, no access", () => {
    expect(matchRule("GET", "/api/v1/nothing")).toBeNull();
    expect(matchRule("DELETE", "/api/v1/metrics")).toBeNull();
    expect(matchRule("GET", "/workflows/a/b/c")).toBeNull();
  });
});

describe("mayReview", () => {
  const limitedKey = (scopes: string[], workflows: string[] | null): Principal => ({ kind: "key", id: "k", name: "k", scopes: new Set(scopes as never), workflows: workflows && new Set(workflows) });
  it.each<[string, Principal, boolean]>([
    ["an admin, any workflow", user(["admin"]), true],
    ["a reviewer of the workflow", user(["reviewer"], ["ticket-triage"]), true],
    ["an owner of the workflow", user(["owner"], ["ticket-triage"]), true],
    ["a reviewer of another workflow", user(["reviewer"], ["crm-enrichment"]), false],
    ["a viewer listed for the workflow", user(["viewer"], ["ticket-triage"]), false],
    ["a board member", user(["board"]), false],
    ["a review key for every workflow", limitedKey(["review"], null), true],
    ["a review key limited to the workflow", limitedKey(["review"], ["ticket-triage"]), true],
    ["a review key limited to another workflow", limitedKey(["review"], ["crm-enrichment"]), false],
    ["a key without the review scope", limitedKey(["read", "ingest"], null), false],
  ])("%s: %s", (_, principal, allowed) => {
    expect(mayReview(principal, "ticket-triage").allowed).toBe(allowed);
  });
});
