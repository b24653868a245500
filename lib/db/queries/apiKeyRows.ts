// The ApiKey table. lib/auth/keys.ts decides who may hold a key and what a secret is; these read and write rows
// (only the SHA-256 of a secret is ever stored).
import type { Database } from "@/lib/db/database";
import type { Transaction } from "@/lib/db/transaction";

export interface NewApiKey {
  id: string;
  name: string;
  prefix: string;
  secretHash: string;
  scopes: string;
  workflows: string | null;
}

export function insertApiKey(tx: Transaction, key: NewApiKey) {
  return tx.apiKey.create({ data: key });
}

export function readApiKeyByName(db: Database, name: string) {
  return db.prisma.apiKey.findUnique({ where: { name } });
}

export function readApiKeyBySecretHash(db: Database, secretHash: string) {
  return db.prisma.apiKey.findUnique({ where: { secretHash } });
}

export function listApiKeyRows(db: Database) {
  return db.prisma.apiKey.findMany({ orderBy: { createdAt: "asc" } });
}

/** Revokes the key unless it already is; how many rows changed (0 or 1). */
export async function revokeApiKeyRow(tx: Transaction, name: string, at: Date): Promise<number> {
  return (await tx.apiKey.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: at } })).count;
}

/** Sets lastUsedAt unless another request already did within `resolutionMs`, so concurrent requests write it once. */
export async function touchApiKey(db: Database, id: string, at: Date, resolutionMs: number): Promise<void> {
  const stale = new Date(at.getTime() - resolutionMs);
  await db.prisma.apiKey.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] }, data: { lastUsedAt: at } });
}
