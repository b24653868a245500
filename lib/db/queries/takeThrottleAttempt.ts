import type { SqlExecutor } from "@/lib/db/sql";

export interface ThrottleSchedule {
  /** delaysMs[n - 1]: how long the n-th attempt in a row makes the next wait (the last entry for every later one). */
  delaysMs: readonly number[];
  /** A row left alone this long starts over at its next attempt. */
  forgetMs: number;
}

export type ThrottleAttempt = { allowed: true; count: number } | { allowed: false; retryAfterMs: number };

const integer = (n: number) => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a non-negative integer: ${n}`);
  return String(n);
};

/**
 * Counts an attempt under `key` unless the key is waiting, in one statement (so parallel attempts, from any
 * instance, each see the one before): the n-th attempt in a row makes the next wait delaysMs[n - 1]. The caller
 * clears the key when an attempt succeeds (lib/db/queries/clearThrottle.ts).
 */
export async function takeThrottleAttempt(sql: SqlExecutor, key: string, now: Date, schedule: ThrottleSchedule): Promise<ThrottleAttempt> {
  const at = now.getTime();
  const count = `(CASE WHEN "Throttle"."updatedAt" <= excluded."updatedAt" - ${integer(schedule.forgetMs)} THEN 1 ELSE "Throttle"."count" + 1 END)`;
  const delay = `(CASE ${schedule.delaysMs.map((ms, i) => `WHEN ${count} = ${i + 1} THEN ${integer(ms)}`).join(" ")} ELSE ${integer(schedule.delaysMs.at(-1) ?? 0)} END)`;
  const rows = await sql.query<{ count: number | string }>(
    `INSERT INTO "Throttle" ("key", "count", "windowStart", "blockedUntil", "updatedAt") VALUES (?, 1, ?, ?, ?)
     ON CONFLICT ("key") DO UPDATE SET "count" = ${count}, "blockedUntil" = excluded."updatedAt" + ${delay},
       "windowStart" = CASE WHEN ${count} = 1 THEN excluded."windowStart" ELSE "Throttle"."windowStart" END, "updatedAt" = excluded."updatedAt"
     WHERE "Throttle"."blockedUntil" <= excluded."updatedAt"
     RETURNING "count"`,
    [key, at, at + (schedule.delaysMs[0] ?? 0), at],
  );
  if (rows[0]) return { allowed: true, count: Number(rows[0].count) };
  const [row] = await sql.query<{ blockedUntil: number | string }>(`SELECT "blockedUntil" FROM "Throttle" WHERE "key" = ?`, [key]);
  return { allowed: false, retryAfterMs: Math.max(1, Number(row?.blockedUntil ?? at) - at) };
}
