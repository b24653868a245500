// One attempt to deliver one alert on its channel, and what came of it: delivered, or why not and whether a retry can
// help. Secrets are read from the environment at the moment of sending and go nowhere else: no outcome, error or log
// line carries a URL's path or query, a secret, or the SMTP URL.
import type { AlertChannel } from "@/lib/contract/alerts";
import type { AlertPayload } from "./outbox";
import { allowedHosts, RefusedTarget, resolveTarget, type Resolver } from "./guard";
import { DEFAULT_POST_OPTIONS, post, TimedOut, type PostOptions } from "./http";
import { MailRefused, sendMail } from "./mail";
import { messageOf } from "./channels/message";
import { teamsBody } from "./channels/teams";
import { slackBody } from "./channels/slack";
import { emailContent } from "./channels/email";
import { signingKey, webhookHeaders } from "./channels/webhook";

export type Outcome =
  | { delivered: true; code: number }
  | { delivered: false; code: number | null; error: string; retry: boolean; retryAfterMs?: number };

export interface SendOptions {
  env?: Record<string, string | undefined>;
  resolve?: Resolver;
  http?: PostOptions;
  now?: Date;
}

export interface OutgoingAlert {
  /** The webhook-id of every attempt. */
  id: string;
  /** The stored payload, sent byte for byte as the webhook's body (and signed as such). */
  payload: string;
}

const value = (env: Record<string, string | undefined>, name: string) => env[name]?.trim() || null;

/** Why the channel cannot send yet (a variable it names is not set), or null when it is configured. */
export function configurationProblem(channel: AlertChannel, env: Record<string, string | undefined> = process.env): string | null {
  const names = channel.type === "email" ? ["TOLLGATE_SMTP_URL", "TOLLGATE_MAIL_FROM"] : channel.type === "webhook" ? [channel.urlEnv, channel.secretEnv] : [channel.urlEnv];
  const missing = names.filter((name) => !value(env, name));
  return missing.length ? `not configured: ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set` : null;
}

/** Retry-After as delay-seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

export async function send(channel: AlertChannel, alert: OutgoingAlert, options: SendOptions = {}): Promise<Outcome> {
  const env = options.env ?? process.env;
  const problem = configurationProblem(channel, env);
  // The variable may be set before the alert gives up: retrying is how it is delivered then.
  if (problem) return { delivered: false, code: null, error: problem, retry: true };
  const payload = JSON.parse(alert.payload) as AlertPayload;
  if (channel.type === "email") {
    try {
      const { code } = await sendMail(value(env, "TOLLGATE_SMTP_URL")!, value(env, "TOLLGATE_MAIL_FROM")!, channel.to, emailContent(messageOf(payload)));
      return { delivered: true, code };
    } catch (error) {
      if (!(error instanceof MailRefused)) throw error;
      return { delivered: false, code: error.code, error: error.message, retry: !error.permanent };
    }
  }
  let body: string;
  let headers: Record<string, string> = {};
  if (channel.type === "webhook") {
    const key = signingKey(value(env, channel.secretEnv)!);
    if (!key) return { delivered: false, code: null, error: `${channel.secretEnv} is not a whsec_ secret of 24 to 64 bytes`, retry: false };
    body = alert.payload;
    headers = webhookHeaders(key, alert.id, Math.floor((options.now ?? new Date()).getTime() / 1000), body);
  } else {
    body = channel.type === "teams" ? teamsBody(messageOf(payload)) : slackBody(messageOf(payload));
  }
  return postTo(value(env, channel.urlEnv)!, body, headers, { ...options, env });
}

async function postTo(url: string, body: string, headers: Record<string, string>, options: SendOptions & { env: Record<string, string | undefined> }): Promise<Outcome> {
  let target;
  try {
    target = await resolveTarget(url, allowedHosts(options.env), options.resolve);
  } catch (error) {
    if (error instanceof RefusedTarget) return { delivered: false, code: null, error: `refused: ${error.message}`, retry: false };
    return { delivered: false, code: null, error: `could not resolve the receiver's host (${(error as { code?: string }).code ?? "no address"})`, retry: true };
  }
  try {
    const answer = await post(target, body, headers, options.http ?? DEFAULT_POST_OPTIONS);
    const { status } = answer;
    if (status >= 200 && status < 300) return { delivered: true, code: status };
    if (status >= 300 && status < 400) return { delivered: false, code: status, error: `answered ${status}: redirects are not followed`, retry: false };
    const retry = status === 408 || status === 429 || status >= 500;
    const wait = retryAfterMs(answer.retryAfter, options.now ?? new Date());
    return { delivered: false, code: status, error: `answered ${status}`, retry, ...(retry && wait !== null ? { retryAfterMs: wait } : {}) };
  } catch (error) {
    if (error instanceof TimedOut) return { delivered: false, code: null, error: error.message, retry: true };
    return { delivered: false, code: null, error: `the connection failed (${(error as { code?: string }).code ?? "closed"})`, retry: true };
  }
}
