// The connection to Microsoft 365, from the environment only: secrets are never in program.json or the database.
// Endpoints default to Microsoft's public cloud; sovereign clouds and the tests' stand-in override them.
import fs from "node:fs";
import { PullError } from "./errors";

export interface M365Connection {
  tenantId: string;
  clientId: string;
  credential: { secret: string } | { certificatePem: string };
  /** Entra ID's sign-in host, e.g. https://login.microsoftonline.com. */
  loginUrl: string;
  /** The Office 365 Management APIs, e.g. https://manage.office.com. */
  managementUrl: string;
}

export const M365_ENV = {
  tenantId: "TOLLGATE_M365_TENANT_ID",
  clientId: "TOLLGATE_M365_CLIENT_ID",
  secret: "TOLLGATE_M365_CLIENT_SECRET",
  certificatePath: "TOLLGATE_M365_CERTIFICATE_PATH",
  loginUrl: "TOLLGATE_M365_LOGIN_URL",
  managementUrl: "TOLLGATE_M365_MANAGEMENT_URL",
} as const;

const trimmed = (value: string | undefined) => value?.trim() || undefined;
const withoutSlash = (url: string) => url.replace(/\/+$/, "");

/** The variables a connection still needs, by name (empty when it is complete). */
export function missingM365Settings(env: Record<string, string | undefined> = process.env): string[] {
  const missing: string[] = [];
  if (!trimmed(env[M365_ENV.tenantId])) missing.push(M365_ENV.tenantId);
  if (!trimmed(env[M365_ENV.clientId])) missing.push(M365_ENV.clientId);
  if (!trimmed(env[M365_ENV.secret]) && !trimmed(env[M365_ENV.certificatePath])) missing.push(`${M365_ENV.secret} or ${M365_ENV.certificatePath}`);
  return missing;
}

export function m365Connection(env: Record<string, string | undefined> = process.env): M365Connection {
  const missing = missingM365Settings(env);
  if (missing.length) throw new PullError("not_configured", `Not connected: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set (see the README, "Always-on sources").`);
  const certificatePath = trimmed(env[M365_ENV.certificatePath]);
  let credential: M365Connection["credential"];
  if (certificatePath) {
    try {
      credential = { certificatePem: fs.readFileSync(certificatePath, "utf8") };
    } catch {
      throw new PullError("not_configured", `Not connected: ${M365_ENV.certificatePath} names a file that cannot be read.`);
    }
  } else credential = { secret: trimmed(env[M365_ENV.secret])! };
  return {
    tenantId: trimmed(env[M365_ENV.tenantId])!,
    clientId: trimmed(env[M365_ENV.clientId])!,
    credential,
    loginUrl: withoutSlash(trimmed(env[M365_ENV.loginUrl]) ?? "https://login.microsoftonline.com"),
    managementUrl: withoutSlash(trimmed(env[M365_ENV.managementUrl]) ?? "https://manage.office.com"),
  };
}
