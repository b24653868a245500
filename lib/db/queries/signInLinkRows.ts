// The SignInToken table: one-time sign-in links, keyed by the SHA-256 of the token (the token is never stored).
import type { Database } from "@/lib/db/database";
import type { Transaction } from "@/lib/db/transaction";

export async function insertSignInLink(tx: Transaction, link: { id: string; userId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await tx.signInToken.create({ data: link });
}

export function readSignInLink(db: Database, id: string) {
  return db.prisma.signInToken.findUnique({ where: { id } });
}

/** Marks the link used if it is unused and unexpired; whether this call did (so only one caller ever uses a link). */
export async function spendSignInLink(db: Database, id: string, at: Date): Promise<boolean> {
  return (await db.prisma.signInToken.updateMany({ where: { id, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } })).count === 1;
}

/** Deletes every sign-in link of a user, used or not (in the caller's transaction); returns how many there were. */
export async function revokeSignInLinks(tx: Transaction, userId: string): Promise<number> {
  return (await tx.signInToken.deleteMany({ where: { userId } })).count;
}
