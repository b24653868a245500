import type { Database } from "@/lib/db/database";
import type { Transaction } from "@/lib/db/transaction";

export interface StoredChannel {
  key: string;
  definition: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Every alert channel with its JSON definition, by key (in a transaction or not). */
export function listAlertChannels(source: Database | Transaction): Promise<StoredChannel[]> {
  const client = "prisma" in source ? source.prisma : source;
  return client.alertChannel.findMany({ orderBy: { key: "asc" } });
}
