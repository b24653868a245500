import type { Database } from "@/lib/db/database";

/** How many user accounts exist (none: nobody could sign in yet). */
export async function countUsers(db: Database): Promise<number> {
  return db.prisma.user.count();
}
