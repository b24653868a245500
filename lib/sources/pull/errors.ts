// Why a pull failed, in a word the Data sources page and the alert can act on, and in words a person can read. The
// messages are written here from what went wrong (an HTTP status, Microsoft's error code), never copied from a
// response body or a request, so no token, secret or personal content can reach a log, the audit trail or the page.
import { UserFacingError } from "@/lib/errors";

export const PULL_PROBLEMS = {
  not_configured: "not connected",
  auth_refused: "credentials refused",
  permission_missing: "missing permission",
  subscription_disabled: "subscription disabled",
  unreachable: "Microsoft unreachable",
  bad_response: "unexpected answer",
} as const;

export type PullProblem = keyof typeof PULL_PROBLEMS;

export class PullError extends UserFacingError {
  constructor(
    readonly problem: PullProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Entra ID's AADSTS codes that mean the app's credentials are wrong, in words. */
const AADSTS: Record<string, string> = {
  "7000215": "the client secret is wrong (AADSTS7000215): create a new one and set TOLLGATE_M365_CLIENT_SECRET",
  "7000222": "the client secret has expired (AADSTS7000222): create a new one and set TOLLGATE_M365_CLIENT_SECRET",
  "700027": "the certificate was not accepted (AADSTS700027): upload its public part to the app registration",
  "700016": "the app (TOLLGATE_M365_CLIENT_ID) is not registered in the tenant (AADSTS700016)",
  "90002": "the tenant (TOLLGATE_M365_TENANT_ID) was not found (AADSTS90002)",
  "7000112": "the app registration is disabled (AADSTS7000112)",
};

/** An OAuth error answer of the token endpoint → why, in words (the description is not repeated: it may echo input). */
export function tokenRefusal(error: string | undefined, description: string | undefined): PullError {
  const code = /AADSTS(\d+)/.exec(description ?? "")?.[1];
  const why = (code && AADSTS[code]) ?? (code ? `Entra ID refused the app's credentials (AADSTS${code})` : `the token endpoint refused the app's credentials (${error ?? "no reason given"})`);
  return new PullError("auth_refused", `Sign-in to Microsoft 365 failed: ${why}.`);
}

/** Management Activity API error codes (AF…) that mean a setup step is missing. */
export function managementRefusal(status: number, code: string | null, what: string): PullError {
  if (code === "AF20022" || code === "AF20023") {
    return new PullError("subscription_disabled", `The Audit.General subscription is ${code === "AF20023" ? "disabled" : "not started"} (${code}); Tollgate starts it on the next run when the app may.`);
  }
  if (status === 401 || status === 403 || code === "AF10001") {
    return new PullError(
      "permission_missing",
      `Microsoft 365 refused ${what} (HTTP ${status}${code ? `, ${code}` : ""}): grant the app ActivityFeed.Read on the Office 365 Management APIs (application permission, admin consent) and check that unified audit logging is on.`,
    );
  }
  return new PullError("bad_response", `Microsoft 365 answered ${what} with HTTP ${status}${code ? ` (${code})` : ""}.`);
}

export function dataverseRefusal(status: number, what: string): PullError {
  if (status === 401 || status === 403) {
    return new PullError(
      "permission_missing",
      `Dataverse refused ${what} (HTTP ${status}): add the app as an application user of the environment with a security role that reads conversation transcripts.`,
    );
  }
  return new PullError("bad_response", `Dataverse answered ${what} with HTTP ${status}.`);
}
