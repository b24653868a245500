import type { SqlExecutor } from "@/lib/db/sql";

/**
 * Counts one more under `key` in fixed windows of `windowMs` (a window older than that starts over), in one
 * statement, so parallel requests from any instance each get their own number. Returns the count with this one and
 * when its window ends.
 */
export async function countInWindow(sql: SqlExecutor, key: string, now: Date, windowMs: number): Promise<{ count: number; windowEndsAt: Date }> {
  if (!Number.isSafeInteger(windowMs) || windowMs <= 0) throw new RangeError(`not a window: ${windowMs}`);
  const expired = `"Throttle"."windowStart" <= excluded."windowStart" - ${windowMs}`;
  const [row] = await sql.query<{ count: number | string; windowStart: number | string }>(
    `INSERT INTO "Throttle" ("key", "count", "windowStart", "blockedUntil", "updatedAt") VALUES (?, 1, ?, 0, ?)
     ON CONFLICT ("key") DO UPDATE SET "count" = CASE WHEN ${expired} THEN 1 ELSE "Throttle"."count" + 1 END,
       "windowStart" = CASE WHEN ${expired} THEN excluded."windowStart" ELSE "Throttle"."windowStart" END, "updatedAt" = excluded."updatedAt"
     RETURNING "count", "windowStart"`,
    [key, now.getTime(), now.getTime()],
  );
  return { count: Number(row!.count), windowEndsAt: new Date(Number(row!.windowStart) + windowMs) };
}
