import { clientOf, type Transaction } from "@/lib/db/transaction";
import type { Database } from "@/lib/db/database";
import { SETTING_KEYS } from "@/lib/db/settings";

/** The stored `reviewContentDays`; null when no program has set it (the purge then keeps content 30 days). */
export async function readReviewContentDays(source: Database | Transaction): Promise<number | null> {
  const row = await clientOf(source).setting.findUnique({ where: { key: SETTING_KEYS.reviewContentDays } });
  const days = row ? Number(row.value) : NaN;
  return Number.isInteger(days) && days > 0 ? days : null;
}

export async function saveReviewContentDays(tx: Transaction, days: number): Promise<void> {
  const key = SETTING_KEYS.reviewContentDays;
  await tx.setting.upsert({ where: { key }, create: { key, value: String(days) }, update: { value: String(days) } });
}
