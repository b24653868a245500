// Rate limits, kept in the database (the Throttle table) so every instance on it shares them: per API key on
// ingestion (an agent stuck in a retry loop gets 429 with Retry-After instead of crowding out every other agent's
// writes), and per client address on the public sign-in routes (a stranger's flood of requests). Each is a token
// bucket: `burst` requests at once after a quiet spell, refilled at `perSecond`.
import type { Database } from "@/lib/db/database";
import { takeRateToken } from "@/lib/db/queries/takeRateToken";

export interface RateLimit {
  perSecond: number;
  /** Requests allowed at once after a quiet spell (at least 1, or a slow rate would refuse every request). */
  burst: number;
}

/** Each address group (lib/http.ts) on the public sign-in routes: 60 at once, then one a second. */
export const PUBLIC_AUTH_LIMIT: RateLimit = { perSecond: 1, burst: 60 };

/** A non-negative number from the environment; unset, empty or malformed gives the fallback. */
const numberFrom = (name: string, fallback: number) => {
  const text = process.env[name]?.trim();
  const value = Number(text);
  return text && Number.isFinite(value) && value >= 0 ? value : fallback;
};

/** TOLLGATE_INGEST_RATE requests per second per key (default 50), bursts of TOLLGATE_INGEST_BURST (twice the rate); null when 0 turns it off. */
export function ingestRateLimit(): RateLimit | null {
  const perSecond = numberFrom("TOLLGATE_INGEST_RATE", 50);
  return perSecond > 0 ? { perSecond, burst: Math.max(1, numberFrom("TOLLGATE_INGEST_BURST", perSecond * 2)) } : null;
}

/** Takes a request from `key`'s bucket: 0 when allowed, else the whole seconds to wait (at least 1). */
export async function takeRequest(db: Database, key: string, limit: RateLimit, now = new Date()): Promise<number> {
  const intervalMs = Math.max(1, Math.round(1000 / limit.perSecond));
  const waitMs = await takeRateToken(db.sql, key, now, { intervalMs, toleranceMs: Math.round((Math.max(1, limit.burst) - 1) * intervalMs) });
  return waitMs === 0 ? 0 : Math.ceil(waitMs / 1000);
}
