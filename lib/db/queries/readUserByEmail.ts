import type { Database } from "@/lib/db/database";

/** The stored user with this email (already normalized to lower case by the caller), or null. */
export function readUserByEmail(db: Database, email: string) {
  return db.prisma.user.findUnique({ where: { email } });
}
