// A small client for code-first agents: queue events, send them in batches up to the server's limits, retry 429
// and 5xx answers with backoff (honouring Retry-After), and flush what is queued on shutdown. Every event gets its
// id when it is queued, so a retried batch carries the same ids and the server counts each event once.
// One file without dependencies (Node 18+ or any runtime with fetch): copy it, or import it from this repository.

/** The server's limits per request (POST /api/v1/events). */
export const MAX_BATCH_EVENTS = 1000;
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;

type Common = {
  /** Unique per workflow; the client assigns a random one when left out. */
  id?: string;
  workflow: string;
  cohort: string;
  taskId: string;
  /** RFC 3339 with an offset or Z; the client uses the time of queueing when left out. */
  occurredAt?: string;
  actor?: string;
  agentVersion?: string;
  properties?: Record<string, unknown>;
};
export type ErrorCategory = "wrong_data_source" | "permission_failure" | "hallucinated_fact" | "policy_violation" | "poor_summarization" | "incorrect_routing" | "other";
export type TollgateEvent = Common &
  (
    | { type: "output"; outputKind: "draft" | "classification" | "recommendation" | "action" }
    | { type: "review"; verdict: "accepted" | "light_edit" | "heavy_edit" | "rejected"; errorCategory?: ErrorCategory }
    | { type: "escalation"; reason?: string }
    | { type: "completion"; mode: "agent" | "manual"; durationMs: number }
    | { type: "incident"; category: ErrorCategory; severity: 1 | 2 | 3 }
    /** The asking person's opinion: either a rating or a CSAT score from 1 to 5. */
    | { type: "feedback"; rating?: "positive" | "negative"; score?: number }
  );
/** An event as sent: with its id and time. */
export type SentEvent = TollgateEvent & { id: string; occurredAt: string };

export interface FieldError {
  path: string;
  message: string;
}
export interface SendResult {
  accepted: number;
  duplicates: number;
  /** Refused events (by id), with the field errors the server named. */
  rejected: { id: string | null; errors: FieldError[] }[];
}

/** A refusal that retrying cannot fix (400, 401, 403, 413), or a 429/5xx that outlasted the retries. */
export class TollgateError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

export interface TollgateClientOptions {
  /** e.g. https://tollgate.contoso.com */
  baseUrl: string;
  /** An API key with the ingest scope. */
  apiKey: string;
  /** Retries of one batch after a 429, a 5xx or a network error (default 5). */
  maxRetries?: number;
  /** The first backoff, doubled per retry with jitter, at most 30 s; a Retry-After header takes precedence (default 500 ms). */
  backoffMs?: number;
  /** Send what is queued this often (default 1000 ms; 0: only when a batch is full or on flush()). */
  flushIntervalMs?: number;
  /** Flush on process exit signals (SIGINT, SIGTERM) and beforeExit (default true under Node). */
  flushOnExit?: boolean;
  fetch?: typeof fetch;
  /** Waits between retries; tests replace it. */
  sleep?: (ms: number) => Promise<void>;
  /** Called when a background flush fails (the events stay queued); default: console.error. */
  onError?: (error: unknown) => void;
}

const MAX_BACKOFF_MS = 30_000;
const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

/** Retry-After as seconds or an HTTP date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Splits events into request bodies within both limits (an event alone over the byte limit is sent alone: the server names it). */
export function batches(events: readonly SentEvent[], maxEvents = MAX_BATCH_EVENTS, maxBytes = MAX_BATCH_BYTES): SentEvent[][] {
  const envelope = byteLength('{"events":[]}');
  const out: SentEvent[][] = [];
  let current: SentEvent[] = [];
  let size = envelope;
  for (const event of events) {
    const bytes = byteLength(JSON.stringify(event)) + 1;
    if (current.length > 0 && (current.length >= maxEvents || size + bytes > maxBytes)) {
      out.push(current);
      current = [];
      size = envelope;
    }
    current.push(event);
    size += bytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}

export class TollgateClient {
  private queue: SentEvent[] = [];
  private sending: Promise<void> = Promise.resolve();
  /** What the server answered since the last flush() reported, background sends included. */
  private unreported: SendResult = { accepted: 0, duplicates: 0, rejected: [] };
  private readonly timer: ReturnType<typeof setInterval> | null = null;
  private readonly options: Required<Omit<TollgateClientOptions, "flushOnExit">>;
  private readonly removeExitHooks: () => void = () => undefined;

  constructor(options: TollgateClientOptions) {
    this.options = {
      maxRetries: 5,
      backoffMs: 500,
      flushIntervalMs: 1000,
      fetch: globalThis.fetch.bind(globalThis),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      onError: (error) => console.error("Tollgate: sending events failed; they stay queued:", error),
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
    if (this.options.flushIntervalMs > 0) {
      this.timer = setInterval(() => this.sendInBackground(), this.options.flushIntervalMs);
      (this.timer as { unref?: () => void }).unref?.();
    }
    if ((options.flushOnExit ?? true) && typeof process !== "undefined" && typeof process.once === "function") {
      this.removeExitHooks = this.hookExit();
    }
  }

  /** Queues events (assigning missing ids and times) and sends full batches at once; returns the events as queued. */
  send(...events: TollgateEvent[]): SentEvent[] {
    const now = new Date().toISOString();
    const queued = events.map((event) => ({ ...event, id: event.id ?? crypto.randomUUID(), occurredAt: event.occurredAt ?? now }) as SentEvent);
    this.queue.push(...queued);
    if (this.queue.length >= MAX_BATCH_EVENTS) this.sendInBackground();
    return queued;
  }

  /**
   * Sends everything queued, a batch at a time; resolves when the server has it, with what it answered since the
   * last flush (batches sent in the background included). See sendQueued for failures.
   */
  async flush(): Promise<SendResult> {
    await this.enqueueSend();
    const report = this.unreported;
    this.unreported = { accepted: 0, duplicates: 0, rejected: [] };
    return report;
  }

  private enqueueSend(): Promise<void> {
    this.sending = this.sending.catch(() => undefined).then(() => this.sendQueued());
    return this.sending;
  }

  private sendInBackground(): void {
    this.enqueueSend().catch(this.options.onError);
  }

  /** Flushes and stops the timer and the exit hooks. */
  async close(): Promise<SendResult> {
    if (this.timer) clearInterval(this.timer);
    this.removeExitHooks();
    return this.flush();
  }

  private async sendQueued(): Promise<void> {
    const total = this.unreported;
    const pending = batches(this.queue.splice(0));
    while (pending.length > 0) {
      const batch = pending[0]!;
      try {
        const result = await this.post(batch);
        total.accepted += result.accepted;
        total.duplicates += result.duplicates;
        total.rejected.push(...result.rejected.map(({ index, errors }) => ({ id: batch[index]?.id ?? null, errors })));
        pending.shift();
      } catch (error) {
        // A batch the server refused (400, 401, 403, 413) would be refused again: it is dropped, and the error names
        // why. After a 429, 5xx or network failure outlasting the retries, it is kept and sent on the next flush.
        const refused = error instanceof TollgateError && error.status >= 400 && error.status < 500 && error.status !== 429;
        this.queue.unshift(...(refused ? pending.slice(1) : pending).flat());
        throw error;
      }
    }
  }

  private async post(events: SentEvent[]): Promise<{ accepted: number; duplicates: number; rejected: { index: number; errors: FieldError[] }[] }> {
    const body = JSON.stringify({ events });
    for (let attempt = 0; ; attempt++) {
      let response: Response | null = null;
      try {
        response = await this.options.fetch(`${this.options.baseUrl}/api/v1/events`, {
          method: "POST",
          headers: { authorization: `Bearer ${this.options.apiKey}`, "content-type": "application/json" },
          body,
        });
      } catch (error) {
        if (attempt >= this.options.maxRetries) throw new TollgateError(0, "network", `Tollgate did not answer: ${(error as Error).message}`);
      }
      if (response && (response.status === 200 || response.status === 207)) return response.json();
      const retriable = !response || response.status === 429 || response.status >= 500;
      if (response && (!retriable || attempt >= this.options.maxRetries)) {
        const text = await response.text();
        let error: { code?: string; message?: string; errors?: FieldError[] } = {};
        try {
          error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
        } catch {
          // not a Tollgate error body (a proxy's page): the status says enough
        }
        throw new TollgateError(response.status, error.code ?? "http", error.message ?? `HTTP ${response.status}`, error.errors);
      }
      await response?.body?.cancel();
      const backoff = Math.min(MAX_BACKOFF_MS, this.options.backoffMs * 2 ** attempt) * (0.5 + Math.random() / 2);
      await this.options.sleep(retryAfterMs(response?.headers.get("retry-after") ?? null) ?? backoff);
    }
  }

  /** Flushes before the process ends: on beforeExit, and on SIGINT/SIGTERM before exiting as the signal asks. */
  private hookExit(): () => void {
    const onBeforeExit = () => void this.close().catch(this.options.onError);
    const onSignal = (signal: NodeJS.Signals) => {
      void this.close()
        .catch(this.options.onError)
        .finally(() => process.kill(process.pid, signal));
    };
    process.once("beforeExit", onBeforeExit);
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    return () => {
      process.off("beforeExit", onBeforeExit);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    };
  }
}
