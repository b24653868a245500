import type { PrismaDb } from "@/lib/db/prisma";

/** Deletes every sign-in link of a user, used or not (in the caller's transaction); returns how many there were. */
export async function revokeSignInLinks(client: Pick<PrismaDb, "signInToken">, userId: string): Promise<number> {
  return (await client.signInToken.deleteMany({ where: { userId } })).count;
}
