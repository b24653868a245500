// Ingestion rate limit per API key: a token bucket in the server process (Tollgate runs as one process). An agent
// stuck in a retry loop gets 429 with Retry-After instead of crowding out every other agent's writes.

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** Requests allowed at once after a quiet spell (at least 1, or a slow rate would refuse every request). */
  readonly burst: number;

  constructor(
    /** Requests per second refilled; 0 (or less) turns the limit off. */
    readonly rate: number,
    burst: number,
    /** Milliseconds; injected by tests. */
    private readonly clock: () => number = Date.now,
  ) {
    this.burst = Math.max(1, burst);
  }

  /** Takes a token for `key`; 0 when allowed, else the whole seconds to wait before a token is there. */
  take(key: string): number {
    if (this.rate <= 0) return 0;
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    // A clock set back (Date.now is wall time) refills nothing rather than draining the bucket.
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.burst, bucket.tokens + (elapsed / 1000) * this.rate);
    bucket.at = Math.max(bucket.at, now);
    this.buckets.set(key, bucket);
    // Refills add up in floating point (0.1 + 0.9 < 1): a token that is there but for rounding counts.
    if (bucket.tokens >= 1 - 1e-9) {
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate));
  }
}

/** A non-negative number from the environment; unset, empty or malformed gives the fallback. */
const numberFrom = (name: string, fallback: number) => {
  const text = process.env[name]?.trim();
  const value = Number(text);
  return text && Number.isFinite(value) && value >= 0 ? value : fallback;
};

const globalForLimiter = globalThis as unknown as { tollgateIngestLimiter?: TokenBucketLimiter };

/** TOLLGATE_INGEST_RATE requests per second per key (default 50; 0 turns the limit off), bursts of twice that. */
export function ingestRateLimiter(): TokenBucketLimiter {
  if (!globalForLimiter.tollgateIngestLimiter) {
    const rate = numberFrom("TOLLGATE_INGEST_RATE", 50);
    globalForLimiter.tollgateIngestLimiter = new TokenBucketLimiter(rate, numberFrom("TOLLGATE_INGEST_BURST", rate * 2));
  }
  return globalForLimiter.tollgateIngestLimiter;
}

/** Replaces the process's ingestion limiter (tests); without an argument the next use reads the environment again. */
export function setIngestRateLimiter(limiter?: TokenBucketLimiter): void {
  globalForLimiter.tollgateIngestLimiter = limiter;
}
