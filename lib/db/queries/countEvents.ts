import type { Database } from "@/lib/db/database";

/** How many raw events are stored. */
export async function countEvents(db: Database): Promise<number> {
  return db.prisma.event.count();
}
