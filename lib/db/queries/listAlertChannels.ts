import type { PrismaDb } from "@/lib/db/prisma";

export interface StoredChannel {
  key: string;
  definition: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Every alert channel with its JSON definition, by key (in a transaction or not). */
export function listAlertChannels(client: Pick<PrismaDb, "alertChannel">): Promise<StoredChannel[]> {
  return client.alertChannel.findMany({ orderBy: { key: "asc" } });
}
