// Who may do what: one rule per page, route handler method and server action of the app. Route handlers and pages
// look their rule up by the request's path (lib/api/withAuth.ts, lib/auth/pageAccess.ts); a test discovers every
// page.tsx, route.ts and server action from the file system and walks each against every role, so a new route
// without a rule here fails it.
import { ROLES, type Role, type Scope } from "@/lib/contract/vocabulary";

/** The request header in which proxy.ts hands pages their path (set by the proxy only; incoming copies are replaced). */
export const PATH_HEADER = "x-tollgate-path";

export type Access =
  /** Anyone, signed in or not: sign-in, the health check. `perAddressLimit`: a stranger's requests are rate-limited
   * per client address (lib/api/rateLimit.ts PUBLIC_AUTH_LIMIT). */
  | { public: true; perAddressLimit?: true }
  | {
      /** An API key with this scope may call it. */
      key?: Scope;
      /** A signed-in user holding any of these roles may call it. */
      roles?: readonly Role[];
      /** The owner role counts only for the workflow this route parameter names (and only for the owner's workflows). */
      ownerOf?: string;
      /** Any signed-in user, whatever their roles (sign-out, their own account). */
      signedIn?: true;
    };

/** Every role reads: dashboards, scorecards and exports are the evidence each of them works from. */
const READERS: readonly Role[] = ROLES;
const READ: Access = { key: "read", roles: READERS };
const PAGE: Access = { roles: READERS };
const ADMIN_PAGE: Access = { roles: ["admin"] };
const ADMIN: Access = { roles: ["admin"] };
/**
 * Who may review: admins, and owners and reviewers of the workflow (checked per workflow by mayReview in
 * lib/auth/authorize.ts, since the workflow is in the query or the body), or a key with the review scope.
 */
export const REVIEWER_ROLES: readonly Role[] = ["admin", "owner", "reviewer"];
const REVIEW: Access = { key: "review", roles: REVIEWER_ROLES };
/** The routes a stranger signs in through: open to anyone, so limited per address. */
const SIGN_IN: Access = { public: true, perAddressLimit: true };

/** "METHOD /path/[param]" for route handlers and pages (GET), "ACTION name" for server actions. */
export const RULES: Readonly<Record<string, Access>> = {
  // Pages
  "GET /": PAGE,
  "GET /workflows/[key]": PAGE,
  "GET /workflows/[key]/cohorts": PAGE,
  "GET /scorecards/[workflow]/[cohort]": PAGE,
  "GET /review": { roles: REVIEWER_ROLES },
  "GET /sign-in": { public: true },
  "GET /sign-in/link": { public: true },
  "GET /account": { signedIn: true },
  "GET /docs/api": PAGE,
  "GET /admin/users": ADMIN_PAGE,
  "GET /admin/keys": ADMIN_PAGE,
  "GET /admin/audit": ADMIN_PAGE,
  "GET /admin/retention": ADMIN_PAGE,
  "GET /admin/sources": ADMIN_PAGE,
  "GET /admin/alerts": ADMIN_PAGE,

  // Server actions
  "ACTION recordBoardDecision": { roles: ["board"] },

  // Sign-in and out
  "GET /api/health": { public: true },
  "GET /api/v1/openapi.json": { public: true },
  "POST /api/auth/sign-in": SIGN_IN,
  "POST /api/auth/link": SIGN_IN,
  "GET /api/auth/oidc/start": SIGN_IN,
  "GET /api/auth/oidc/callback": SIGN_IN,
  "POST /api/auth/sign-out": { signedIn: true },
  "PUT /api/auth/password": { signedIn: true },

  // Machines and the dashboard
  "POST /api/v1/events": { key: "ingest" },
  "POST /api/v1/events/[type]": { key: "ingest" },
  "GET /api/v1/metrics": READ,
  "GET /api/v1/cohorts": READ,
  "GET /api/v1/workflows": READ,
  "GET /api/v1/scorecards": READ,
  "GET /api/v1/decisions": READ,
  "POST /api/v1/decisions": { key: "admin", roles: ["board"] },
  "GET /api/v1/exports/weekly": READ,
  "PUT /api/v1/program": { key: "admin", roles: ["admin"] },
  "POST /api/v1/imports": { key: "admin", roles: ["admin"] },
  "GET /api/v1/imports": { key: "admin", roles: ["admin"] },
  "POST /api/v1/sources/[key]/pull": { key: "admin", roles: ["admin"] },
  "PUT /api/v1/workflows/[key]/checklist/[item]": { key: "admin", roles: ["admin", "owner"], ownerOf: "key" },
  "GET /api/v1/review/queue": REVIEW,
  "POST /api/v1/review/claim": REVIEW,
  "POST /api/v1/review/items/[outputId]": REVIEW,

  // Administration
  "GET /api/v1/keys": ADMIN,
  "POST /api/v1/keys": ADMIN,
  "DELETE /api/v1/keys/[name]": ADMIN,
  "GET /api/v1/users": ADMIN,
  "POST /api/v1/users": ADMIN,
  "PATCH /api/v1/users/[id]": ADMIN,
  "POST /api/v1/users/[id]/sign-in-link": ADMIN,
  "GET /api/v1/audit": { key: "admin", roles: ["admin"] },
  "GET /api/v1/retention": ADMIN,
  "PUT /api/v1/retention": ADMIN,
  "POST /api/v1/retention/run": ADMIN,
  "PUT /api/v1/legal-holds/[workflow]": ADMIN,
  "DELETE /api/v1/legal-holds/[workflow]": ADMIN,
  "GET /api/v1/alerts": { key: "admin", roles: ["admin"] },
  "POST /api/v1/alerts/channels/[key]/test": { key: "admin", roles: ["admin"] },
};

interface CompiledRule {
  method: string;
  pattern: string;
  regex: RegExp;
  params: string[];
  /** Static segments outrank dynamic ones (/api/v1/users/me before /api/v1/users/[id]). */
  staticSegments: number;
  access: Access;
}

const compiled: CompiledRule[] = Object.entries(RULES)
  .filter(([key]) => !key.startsWith("ACTION "))
  .map(([key, access]) => {
    const [method, pattern] = key.split(" ") as [string, string];
    const segments = pattern.split("/").filter(Boolean);
    const params: string[] = [];
    const regex = new RegExp(
      "^/" +
        segments
          .map((segment) => {
            const dynamic = /^\[(\w+)\]$/.exec(segment);
            if (!dynamic) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
            params.push(dynamic[1]!);
            return "([^/]+)";
          })
          .join("/") +
        "/?$",
    );
    return { method, pattern, regex, params, staticSegments: segments.filter((s) => !s.startsWith("[")).length, access };
  })
  .sort((a, b) => b.staticSegments - a.staticSegments);

export interface MatchedRule {
  /** The rule's key, e.g. "PUT /api/v1/workflows/[key]/checklist/[item]". */
  rule: string;
  access: Access;
  /** The dynamic segments of the path, decoded. */
  params: Record<string, string>;
}

/** The rule for a request; null when the app has none (the caller refuses the request: no rule, no access). */
export function matchRule(method: string, pathname: string): MatchedRule | null {
  const wanted = method === "HEAD" ? "GET" : method;
  for (const rule of compiled) {
    if (rule.method !== wanted) continue;
    const match = rule.regex.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    rule.params.forEach((name, i) => {
      const raw = match[i + 1]!;
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        params[name] = raw;
      }
    });
    return { rule: `${rule.method} ${rule.pattern}`, access: rule.access, params };
  }
  return null;
}

/** The access of the rule with this key ("PUT /api/v1/…", or "ACTION name" for a server action). */
export function ruleAccess(key: string): Access {
  const access = RULES[key];
  if (!access) throw new Error(`no access rule ${key}`);
  return access;
}

export function actionRule(name: string): Access {
  return ruleAccess(`ACTION ${name}`);
}
