// Requests to Microsoft's APIs with the app's token: 429 and 5xx answers are retried with exponential backoff,
// honouring Retry-After; a 401 drops the cached token and tries once more with a new one (a token that expired
// mid-run). The token is sent only to the API's own origin: links from answers (NextPageUri, contentUri,
// @odata.nextLink) that lead elsewhere are refused, so a tampered answer cannot collect it.
import { PullError } from "./errors";
import type { TokenSource } from "./token";

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  attempts: number;
  /** The first backoff; it doubles per attempt, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Retry-After in seconds or as an HTTP date → milliseconds to wait; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface PullStats {
  requests: number;
  retries: number;
}

export class ApiClient {
  readonly stats: PullStats = { requests: 0, retries: 0 };

  constructor(
    private readonly tokens: TokenSource,
    /** The API's origin and the token's resource, e.g. https://manage.office.com. */
    readonly resource: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /** GETs (or POSTs) `url`, answering the final response (2xx, or an error status the caller interprets). */
  async request(url: string, init: { method?: "GET" | "POST"; headers?: Record<string, string> } = {}): Promise<Response> {
    if (new URL(url).origin !== new URL(this.resource).origin) {
      throw new PullError("bad_response", `An answer linked to ${new URL(url).origin}, outside ${new URL(this.resource).origin}; the link was not followed.`);
    }
    let renewedToken = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.token(this.resource);
      let response: Response;
      this.stats.requests++;
      try {
        response = await fetch(url, { method: init.method ?? "GET", headers: { ...init.headers, authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(120_000) });
      } catch {
        if (attempt < this.retry.attempts) {
          await this.pause(attempt, null);
          continue;
        }
        throw new PullError("unreachable", `${new URL(this.resource).host} could not be reached (${this.retry.attempts} attempts).`);
      }
      if (response.status === 401 && !renewedToken) {
        await response.body?.cancel();
        this.tokens.forget(this.resource);
        renewedToken = true;
        continue;
      }
      if ((response.status === 429 || response.status >= 500) && attempt < this.retry.attempts) {
        await response.body?.cancel();
        await this.pause(attempt, retryAfterMs(response.headers.get("retry-after")));
        continue;
      }
      return response;
    }
  }

  private async pause(attempt: number, retryAfter: number | null): Promise<void> {
    this.stats.retries++;
    const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    await this.retry.sleep(retryAfter === null ? backoff : Math.min(this.retry.maxDelayMs, Math.max(retryAfter, backoff / 2)));
  }
}

/** Microsoft's error code from a JSON error answer ({"error": {"code"}}), or null; never the message, which may echo input. */
export async function errorCodeOf(response: Response): Promise<string | null> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    const code = body.error?.code;
    return typeof code === "string" && /^[A-Za-z0-9_.]{1,40}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}
