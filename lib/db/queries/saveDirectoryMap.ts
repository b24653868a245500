import type { Transaction } from "@/lib/db/transaction";

/** Sets which cohort each value of a directory column maps to (`cohorts` is the JSON of that map). */
export async function saveDirectoryMap(tx: Transaction, map: { column: string; cohorts: string }): Promise<void> {
  await tx.directoryMap.upsert({ where: { column: map.column }, create: map, update: map });
}
