// The User table. lib/auth/users.ts and oidc.ts decide who may be created, changed or bound; these read and write
// rows (roles and workflows as comma-separated lists; a password only as its scrypt hash).
import type { Database } from "@/lib/db/database";
import { clientOf, type Transaction } from "@/lib/db/transaction";

type Client = Database | Transaction;

export function readUserById(client: Client, id: string) {
  return clientOf(client).user.findUnique({ where: { id } });
}

/** The user with this email (already lower-cased by the caller), or null. */
export function readUserByEmail(client: Client, email: string) {
  return clientOf(client).user.findUnique({ where: { email } });
}

export function readUserBySubject(client: Client, oidcSubject: string) {
  return clientOf(client).user.findUnique({ where: { oidcSubject } });
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof readUserById>>>;

export function listUserRows(db: Database) {
  return db.prisma.user.findMany({ orderBy: { email: "asc" } });
}

export interface NewUser {
  id: string;
  email: string;
  name: string | null;
  roles: string;
  workflows?: string | null;
  passwordHash?: string | null;
  oidcSubject?: string | null;
}

export function insertUser(tx: Transaction, user: NewUser) {
  return tx.user.create({ data: user });
}

export interface UserChange {
  name?: string | null;
  roles?: string;
  workflows?: string | null;
  disabledAt?: Date | null;
  passwordHash?: string | null;
  oidcSubject?: string | null;
}

export function changeUser(tx: Transaction, id: string, change: UserChange) {
  return tx.user.update({ where: { id }, data: change });
}
