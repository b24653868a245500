import type { SqlExecutor } from "@/lib/db/sql";

/**
 * Takes one request from `key`'s token bucket, in one statement (so parallel requests from any instance each see
 * the one before). The bucket is kept as GCRA does, by one instant in "blockedUntil": when it would be full again.
 * Each request moves that instant `intervalMs` on; a request that would move it more than `toleranceMs` past now is
 * refused. Returns 0 when allowed, else the milliseconds until a request would be.
 */
export async function takeRateToken(sql: SqlExecutor, key: string, now: Date, bucket: { intervalMs: number; toleranceMs: number }): Promise<number> {
  const { intervalMs, toleranceMs } = bucket;
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 1 || !Number.isSafeInteger(toleranceMs) || toleranceMs < 0) throw new RangeError("not a token bucket");
  const at = now.getTime();
  // When the bucket would be full again, never earlier than now (a quiet spell refills it, up to the burst).
  const full = `(CASE WHEN "Throttle"."blockedUntil" > excluded."updatedAt" THEN "Throttle"."blockedUntil" ELSE excluded."updatedAt" END)`;
  const rows = await sql.query<{ count: number | string }>(
    `INSERT INTO "Throttle" ("key", "count", "windowStart", "blockedUntil", "updatedAt") VALUES (?, 1, ?, ?, ?)
     ON CONFLICT ("key") DO UPDATE SET "blockedUntil" = ${full} + ${intervalMs}, "count" = "Throttle"."count" + 1, "updatedAt" = excluded."updatedAt"
     WHERE ${full} - excluded."updatedAt" <= ${toleranceMs}
     RETURNING "count"`,
    [key, at, at + intervalMs, at],
  );
  if (rows.length > 0) return 0;
  const [row] = await sql.query<{ blockedUntil: number | string }>(`SELECT "blockedUntil" FROM "Throttle" WHERE "key" = ?`, [key]);
  return Math.max(1, Number(row?.blockedUntil ?? at) - toleranceMs - at);
}
