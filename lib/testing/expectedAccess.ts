// Who gets in where, written out by hand: the access walks (lib/auth/routeAccess.test.ts, e2e/access.spec.ts)
// compare every route's real answer with this table, not with lib/auth/rules.ts, so loosening or tightening a rule
// there fails them until this table says the same. Everyone not listed is refused: 401 when anonymous, else 403.

/**
 * The callers the walks sign in as. "owner" owns ticket-triage (the walks' sample workflow); "other-owner" owns
 * another; "reviewer" reviews ticket-triage.
 */
export const CALLERS = ["anonymous", "viewer", "board", "admin", "owner", "other-owner", "other-owner+board", "reviewer", "ingest-key", "read-key", "admin-key", "review-key"] as const;
export type Caller = (typeof CALLERS)[number];

const USERS = "viewer board admin owner other-owner other-owner+board reviewer";
/** The role rule of the review routes and page; which workflow each may review is checked per workflow (mayReview). */
const REVIEWERS = "admin owner other-owner other-owner+board reviewer";
const EVERYONE = CALLERS.join(" ");

/** The rule's key → the callers it lets in. */
export const EXPECTED_ACCESS: Readonly<Record<string, string>> = {
  "GET /": USERS,
  "GET /workflows/[key]": USERS,
  "GET /workflows/[key]/cohorts": USERS,
  "GET /scorecards/[workflow]/[cohort]": USERS,
  "GET /review": REVIEWERS,
  "GET /sign-in": EVERYONE,
  "GET /sign-in/link": EVERYONE,
  "GET /account": USERS,
  "GET /docs/api": USERS,
  "GET /admin/users": "admin",
  "GET /admin/keys": "admin",
  "GET /admin/audit": "admin",
  "GET /admin/retention": "admin",
  "GET /admin/sources": "admin",
  "GET /admin/alerts": "admin",

  "ACTION recordBoardDecision": "board other-owner+board",

  "GET /api/health": EVERYONE,
  "GET /api/v1/openapi.json": EVERYONE,
  "POST /api/auth/sign-in": EVERYONE,
  "POST /api/auth/link": EVERYONE,
  "GET /api/auth/oidc/start": EVERYONE,
  "GET /api/auth/oidc/callback": EVERYONE,
  "POST /api/auth/sign-out": USERS,
  "PUT /api/auth/password": USERS,

  "POST /api/v1/events": "ingest-key",
  "POST /api/v1/events/[type]": "ingest-key",
  "GET /api/v1/metrics": `${USERS} read-key`,
  "GET /api/v1/cohorts": `${USERS} read-key`,
  "GET /api/v1/workflows": `${USERS} read-key`,
  "GET /api/v1/scorecards": `${USERS} read-key`,
  "GET /api/v1/decisions": `${USERS} read-key`,
  "POST /api/v1/decisions": "board other-owner+board admin-key",
  "GET /api/v1/exports/weekly": `${USERS} read-key`,
  "PUT /api/v1/program": "admin admin-key",
  "POST /api/v1/imports": "admin admin-key",
  "GET /api/v1/imports": "admin admin-key",
  "POST /api/v1/sources/[key]/pull": "admin admin-key",
  "PUT /api/v1/workflows/[key]/checklist/[item]": "admin owner admin-key",
  "GET /api/v1/review/queue": `${REVIEWERS} review-key`,
  "POST /api/v1/review/claim": `${REVIEWERS} review-key`,
  "POST /api/v1/review/items/[outputId]": `${REVIEWERS} review-key`,

  "GET /api/v1/keys": "admin",
  "POST /api/v1/keys": "admin",
  "DELETE /api/v1/keys/[name]": "admin",
  "GET /api/v1/users": "admin",
  "POST /api/v1/users": "admin",
  "PATCH /api/v1/users/[id]": "admin",
  "POST /api/v1/users/[id]/sign-in-link": "admin",
  "GET /api/v1/audit": "admin admin-key",
  "GET /api/v1/retention": "admin",
  "PUT /api/v1/retention": "admin",
  "POST /api/v1/retention/run": "admin",
  "PUT /api/v1/legal-holds/[workflow]": "admin",
  "DELETE /api/v1/legal-holds/[workflow]": "admin",
  "GET /api/v1/alerts": "admin admin-key",
  "POST /api/v1/alerts/channels/[key]/test": "admin admin-key",
};

export function expectedOutcome(rule: string, caller: Caller): "allowed" | 401 | 403 {
  const allowed = EXPECTED_ACCESS[rule];
  if (allowed === undefined) throw new Error(`lib/testing/expectedAccess.ts has no line for ${rule}`);
  if (allowed.split(" ").includes(caller)) return "allowed";
  return caller === "anonymous" ? 401 : 403;
}
