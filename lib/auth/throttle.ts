// The sign-in throttle. Guessing is limited per (email, address group): five failures in a row are free, then each
// makes the next attempt wait longer (30 s, doubling, up to 15 minutes) until the right password clears it or a
// day passes without an attempt. A separate, higher cap counts one address group's failures across every email (30
// per 15 minutes), against one address trying many accounts. A stranger failing from elsewhere changes nothing for
// anyone else: the right password from an address that has not been failing always signs in.
// The counts live in the database (the Throttle table) so every instance on it shares them. Each attempt is counted
// before its password is checked and taken back when it succeeds, so parallel guesses get no more tries than
// sequential ones.
import crypto from "node:crypto";
import type { Database } from "@/lib/db/database";
import { countInWindow } from "@/lib/db/queries/countInWindow";
import { uncountInWindow } from "@/lib/db/queries/uncountInWindow";
import { takeThrottleAttempt } from "@/lib/db/queries/takeThrottleAttempt";
import { clearThrottle } from "@/lib/db/queries/clearThrottle";

export const SIGN_IN_THROTTLE = {
  /** Failures in a row an email may have from one address group before it waits. */
  freeFailures: 5,
  /** The waits after the free failures, one per further failure; the last repeats. */
  delaysMs: [30_000, 60_000, 120_000, 240_000, 480_000, 900_000],
  /** A pair's failures are forgotten a day after its last attempt (a right password forgets them at once). */
  forgetMs: 24 * 60 * 60_000,
  /** Failures one address group may have across all emails within `addressWindowMs`. */
  perAddress: 30,
  addressWindowMs: 15 * 60_000,
} as const;

const PAIR_SCHEDULE = {
  delaysMs: [...Array<number>(SIGN_IN_THROTTLE.freeFailures - 1).fill(0), ...SIGN_IN_THROTTLE.delaysMs],
  forgetMs: SIGN_IN_THROTTLE.forgetMs,
};

/** An email never appears in a throttle key: only a hash of it with the address group. */
const pairKey = (email: string, group: string) => `pair ${crypto.createHash("sha256").update(`${email}\n${group}`).digest("base64url")}`;
const addressKey = (group: string) => `address ${group}`;

const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export type Admission = { ok: true; passed(): Promise<void> } | { ok: false; retryAfterSeconds: number };

/**
 * Counts a password attempt for an email from an address group, or refuses it with the seconds to wait. An admitted
 * attempt counts as a failure unless `passed()` is called once the password proved right.
 */
export async function admitPasswordAttempt(db: Database, email: string, group: string, now = new Date()): Promise<Admission> {
  const address = await countInWindow(db.sql, addressKey(group), now, SIGN_IN_THROTTLE.addressWindowMs);
  if (address.count > SIGN_IN_THROTTLE.perAddress) return { ok: false, retryAfterSeconds: secondsUntil(address.windowEndsAt.getTime() - now.getTime()) };
  const pair = await takeThrottleAttempt(db.sql, pairKey(email, group), now, PAIR_SCHEDULE);
  if (!pair.allowed) {
    await uncountInWindow(db.sql, addressKey(group));
    return { ok: false, retryAfterSeconds: secondsUntil(pair.retryAfterMs) };
  }
  return {
    ok: true,
    passed: async () => {
      await clearThrottle(db.sql, pairKey(email, group));
      await uncountInWindow(db.sql, addressKey(group));
    },
  };
}
