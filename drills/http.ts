// HTTP as the drills use it: every request has a deadline, and answers are read whole with their timing.

export interface Answer {
  status: number;
  contentType: string;
  headers: Headers;
  /** The body as bytes (exports are binary) and as text. */
  bytes: Buffer;
  text: string;
  ms: number;
}

export class TimeoutError extends Error {}

/** fetch with a deadline covering the whole answer, body included. Network failures throw; statuses do not. */
export async function send(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
  const { timeoutMs = 30_000, ...rest } = init;
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { ...rest, signal: controller.signal });
    const bytes = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      headers: response.headers,
      bytes,
      text: bytes.toString("utf8"),
      ms: performance.now() - started,
    };
  } catch (error) {
    if (controller.signal.aborted) throw new TimeoutError(`no complete answer within ${timeoutMs} ms: ${init.method ?? "GET"} ${url.slice(0, 200)}`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export function jsonOf<T = unknown>(answer: Answer): T | undefined {
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    return undefined;
  }
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id: string | null; errors: { path: string; message: string }[] }[];
}

/** p-quantile (0..1) of a sample, nearest rank; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Runs `worker` over items with at most `limit` in flight. */
export async function pool<T>(items: Iterable<T>, limit: number, worker: (item: T, index: number) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let index = 0;
  let failed: unknown = null;
  async function lane(): Promise<void> {
    for (;;) {
      if (failed) return;
      const next = iterator.next();
      if (next.done) return;
      try {
        await worker(next.value, index++);
      } catch (error) {
        failed ??= error;
      }
    }
  }
  await Promise.all(Array.from({ length: limit }, lane));
  if (failed) throw failed;
}
