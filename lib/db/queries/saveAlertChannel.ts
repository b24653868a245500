import type { Prisma } from "@/lib/db/prisma";

/** Creates or replaces an alert channel's definition. */
export async function saveAlertChannel(tx: Prisma.TransactionClient, key: string, definition: string): Promise<void> {
  await tx.alertChannel.upsert({ where: { key }, create: { key, definition }, update: { definition } });
}
