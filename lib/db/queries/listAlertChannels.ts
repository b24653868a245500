import type { Database } from "@/lib/db/database";
import { clientOf, type Transaction } from "@/lib/db/transaction";

export interface StoredChannel {
  key: string;
  definition: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Every alert channel with its JSON definition, by key (in a transaction or not). */
export function listAlertChannels(source: Database | Transaction): Promise<StoredChannel[]> {
  return clientOf(source).alertChannel.findMany({ orderBy: { key: "asc" } });
}
