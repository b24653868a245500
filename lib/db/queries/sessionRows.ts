// The Session table: a signed-in browser's row, keyed by the SHA-256 of its cookie token (the token itself is never
// stored). lib/auth/sessions.ts decides expiry and renewal; these only read and write rows.
import type { Database } from "@/lib/db/database";
import type { Transaction } from "@/lib/db/transaction";

export interface SessionRow {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  method: string;
}

export async function insertSession(db: Database, row: SessionRow): Promise<void> {
  await db.prisma.session.create({ data: row });
}

/** The session and its user (null when either is gone). */
export async function readSessionAndUser(db: Database, id: string) {
  const session = await db.prisma.session.findUnique({ where: { id } });
  if (!session) return null;
  const user = await db.prisma.user.findUnique({ where: { id: session.userId } });
  return user ? { session, user } : null;
}

export async function touchSession(db: Database, id: string, at: Date): Promise<void> {
  await db.prisma.session.updateMany({ where: { id }, data: { lastSeenAt: at } });
}

export async function deleteSession(db: Database, id: string): Promise<void> {
  await db.prisma.session.deleteMany({ where: { id } });
}

/** Every session of one user but `keep` (on disable, a password change), in the transaction of that change. */
export async function deleteUserSessions(tx: Transaction, userId: string, keep?: string): Promise<void> {
  await tx.session.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
}
