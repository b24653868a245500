// Signing in with an email and password: throttled (lib/auth/throttle.ts), queued for the memory-hard check
// (lib/auth/passwordChecks.ts), audited when refused, and silent about whether the email exists.
import type { Database } from "@/lib/db/database";
import { readUserByEmail } from "@/lib/db/queries/userRows";
import { recordRefusal } from "@/lib/audit/audit";
import { addressGroup } from "@/lib/http";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { toUserPrincipal } from "./sessions";
import { takeCheckPlace } from "./passwordChecks";
import { admitPasswordAttempt } from "./throttle";
import type { UserPrincipal } from "./authorize";

export type PasswordSignIn = { ok: true; user: UserPrincipal } | { ok: false; throttled: false } | { ok: false; throttled: true; retryAfterSeconds: number };

/**
 * Checks an email and password from a client address. Failures (auth.sign_in_failed) and refusals by the throttle
 * (auth.sign_in_throttled) are recorded as a stranger's refusals, counted per address and window. The answer never
 * says whether the email exists.
 */
export async function signInWithPassword(db: Database, email: string, password: string, source: string | null, now = new Date()): Promise<PasswordSignIn> {
  const group = addressGroup(source);
  const place = takeCheckPlace(group);
  // This address already has its checks queued or running here: it waits a second, nobody else does.
  if (!place) return { ok: false, throttled: true, retryAfterSeconds: 1 };
  try {
    const admission = await admitPasswordAttempt(db, email, group, now);
    if (!admission.ok) {
      // Evidence of a guesser carrying on past the limit.
      await recordRefusal(db, source, { action: "auth.sign_in_throttled", target: email, after: { retryAfterSeconds: admission.retryAfterSeconds } }, now);
      return { ok: false, throttled: true, retryAfterSeconds: admission.retryAfterSeconds };
    }
    const row = await readUserByEmail(db, email);
    const valid = await place.run(() => (row?.passwordHash ? verifyPassword(password, row.passwordHash) : burnPasswordCheck(password).then(() => false)));
    if (!row || !valid || row.disabledAt) {
      const reason = !row ? "unknown email" : row.disabledAt ? "user disabled" : row.passwordHash ? "wrong password" : "no password set";
      await recordRefusal(db, source, { action: "auth.sign_in_failed", target: email, after: { reason, method: "password" } }, now);
      return { ok: false, throttled: false };
    }
    await admission.passed();
    return { ok: true, user: toUserPrincipal(row) };
  } finally {
    place.release();
  }
}
