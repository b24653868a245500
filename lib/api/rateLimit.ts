// Ingestion rate limit per API key: a token bucket in the server process (Tollgate runs as one process). An agent
// stuck in a retry loop gets 429 with Retry-After instead of crowding out every other agent's writes.

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    /** Requests per second refilled. */
    readonly rate: number,
    /** Requests allowed at once after a quiet spell. */
    readonly burst: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes a token for `key`; 0 when allowed, else the whole seconds to wait before a token is there. */
  take(key: string): number {
    if (this.rate <= 0) return 0;
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate));
  }
}

const numberFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
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
