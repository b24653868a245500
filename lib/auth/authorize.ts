// The pure access decision: a rule (lib/auth/rules.ts), who is asking, and the route's parameters in; allowed, or
// the status and message to refuse with, out. No database, so every combination is tested by table.
import type { Role, Scope } from "@/lib/contract/vocabulary";
import type { Access } from "./rules";

export interface UserPrincipal {
  kind: "user";
  id: string;
  email: string;
  name: string | null;
  roles: readonly Role[];
  /** The workflows an owner edits the checklist of, and a reviewer reviews. */
  workflows: readonly string[];
}

export interface KeyPrincipal {
  kind: "key";
  id: string;
  name: string;
  scopes: ReadonlySet<Scope>;
  /** Workflows the key may ingest for and review; null for every workflow. */
  workflows: ReadonlySet<string> | null;
}

export type Principal = UserPrincipal | KeyPrincipal;

export type AccessDecision = { allowed: true } | { allowed: false; status: 401 | 403; code: "unauthorized" | "forbidden"; message: string };

const unauthorized = (message: string): AccessDecision => ({ allowed: false, status: 401, code: "unauthorized", message });
const forbidden = (message: string): AccessDecision => ({ allowed: false, status: 403, code: "forbidden", message });

/**
 * Whether the caller may review the workflow's outputs, once the route's rule let them in: an admin any workflow,
 * an owner or reviewer the workflows listed for them; a key with the review scope the workflows it is limited to.
 */
export function mayReview(principal: Principal, workflow: string): AccessDecision {
  if (principal.kind === "key") {
    if (!principal.scopes.has("review")) return forbidden('This API key lacks the "review" scope.');
    return principal.workflows === null || principal.workflows.has(workflow) ? { allowed: true } : forbidden(`This API key may not review workflow "${workflow}".`);
  }
  if (principal.roles.includes("admin")) return { allowed: true };
  const perWorkflow = principal.roles.some((role) => role === "owner" || role === "reviewer");
  if (perWorkflow && principal.workflows.includes(workflow)) return { allowed: true };
  return forbidden(perWorkflow ? `You are not a reviewer or owner of the workflow "${workflow}".` : "This needs the admin, owner or reviewer role.");
}

export function authorize(access: Access, principal: Principal | null, params: Record<string, string> = {}): AccessDecision {
  if ("public" in access) return { allowed: true };
  if (!principal) {
    return unauthorized(access.key ? "Sign in, or send an API key as `Authorization: Bearer <key>`." : "Sign in to continue.");
  }
  if (principal.kind === "key") {
    if (!access.key) return forbidden("API keys cannot use this route; sign in as a user with the right role.");
    if (!principal.scopes.has(access.key)) return forbidden(`This API key lacks the "${access.key}" scope.`);
    return { allowed: true };
  }
  if (access.signedIn) return { allowed: true };
  const roles = access.roles ?? [];
  if (roles.length === 0) return forbidden("This route is for API keys only.");
  const held = roles.filter((role) => principal.roles.includes(role));
  const qualifies = held.some((role) => {
    if (role !== "owner" || !access.ownerOf) return true;
    const workflow = params[access.ownerOf];
    return workflow !== undefined && principal.workflows.includes(workflow);
  });
  if (qualifies) return { allowed: true };
  if (held.includes("owner") && access.ownerOf) {
    return forbidden(`You are not an owner of the workflow "${params[access.ownerOf] ?? ""}".`);
  }
  return forbidden(`This needs the ${roles.join(" or ")} role.`);
}
