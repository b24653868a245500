import { describe, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testActor } from "@/lib/testing/fixtures";
import { hashPassword, verifyPassword, SCRYPT_PARAMS } from "./passwords";
import { createSession, readSession, sha256 } from "./sessions";
import { consumeSignInLink, createSignInLink, createUser, setPassword, updateUser } from "./users";
import { signInWithPassword } from "./passwordSignIn";

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe("passwords", () => {
  it("stores scrypt with its parameters and a random salt, and verifies", async () => {
    const stored = await hashPassword("correct horse battery", FAST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await hashPassword("correct horse battery", FAST)).not.toBe(stored);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("anything", "md5$abc")).toBe(false);
  });

  it("defaults to OWASP's scrypt cost", async () => {
    expect(SCRYPT_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    expect(await hashPassword("x".repeat(12))).toMatch(/^scrypt\$131072\$8\$1\$/);
  });
});

describeEachDatabase("users, sessions and sign-in", (database) => {
  const actor = testActor;
  let n = 0;
  const email = () => `person${++n}@example.com`;

  it("ends a session after 30 idle minutes and at the latest 12 hours after sign-in, and for a disabled user at once", async () => {
    const db = database();
    const user = await createUser(db, { email: email(), roles: ["board"] }, actor);
    const t0 = new Date("2026-12-01T08:00:00Z");
    const minute = 60_000;
    const { token } = await createSession(db, user.id, "password", t0);
    expect((await readSession(db, token, new Date(t0.getTime() + 20 * minute)))?.user.roles).toEqual(["board"]);
    expect(await readSession(db, token, new Date(t0.getTime() + 20 * minute + 30 * minute + 1))).toBeNull();

    const second = await createSession(db, user.id, "password", t0);
    for (let at = 25; at < 12 * 60; at += 25) expect(await readSession(db, second.token, new Date(t0.getTime() + at * minute))).not.toBeNull();
    expect(await readSession(db, second.token, new Date(t0.getTime() + 12 * 60 * minute))).toBeNull();

    const third = await createSession(db, user.id, "password");
    await updateUser(db, user.id, { disabled: true }, actor);
    expect(await readSession(db, third.token)).toBeNull();
    expect(await db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("stores only hashes of session and link tokens, and a link works once and only before it expires", async () => {
    const db = database();
    const user = await createUser(db, { email: email(), roles: ["viewer"] }, actor);
    const session = await createSession(db, user.id, "link");
    const link = await createSignInLink(db, user.id, actor, new Date("2026-12-01T08:00:00Z"));
    const stored = JSON.stringify([await db.prisma.session.findMany(), await db.prisma.signInToken.findMany()]);
    expect(stored).not.toContain(session.token);
    expect(stored).not.toContain(link.token);
    expect(await consumeSignInLink(db, link.token, new Date("2026-12-02T07:59:00Z"))).toMatchObject({ id: user.id });
    expect(await consumeSignInLink(db, link.token, new Date("2026-12-02T07:59:30Z"))).toBeNull();
    const expired = await createSignInLink(db, user.id, actor, new Date("2026-12-01T08:00:00Z"));
    expect(await consumeSignInLink(db, expired.token, new Date("2026-12-02T08:00:01Z"))).toBeNull();
  });

  it("revokes a user's sign-in links when the user is disabled (enabling brings none back) and when a password is set", async () => {
    const db = database();
    const user = await createUser(db, { email: email(), roles: ["viewer"] }, actor);
    const beforeDisable = await createSignInLink(db, user.id, actor);
    await updateUser(db, user.id, { disabled: true }, actor);
    await updateUser(db, user.id, { disabled: false }, actor);
    expect(await consumeSignInLink(db, beforeDisable.token)).toBeNull();

    const beforePassword = await createSignInLink(db, user.id, actor);
    await setPassword(db, user.id, "a brand new password", actor);
    expect(await consumeSignInLink(db, beforePassword.token)).toBeNull();
    const record = await db.prisma.auditRecord.findFirst({ where: { action: "user.password_set", target: user.email } });
    expect(JSON.parse(record!.after!)).toEqual({ linksRevoked: 1 });
    expect(await db.prisma.signInToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("audits user changes with before and after, never a password hash, and refuses an admin locking themselves out", async () => {
    const db = database();
    const admin = await createUser(db, { email: email(), roles: ["admin"] }, actor, { password: "a long enough password" });
    const self = { type: "user" as const, name: admin.email, source: "10.0.0.2" };
    await expect(updateUser(db, admin.id, { roles: ["viewer"] }, self)).rejects.toThrow(/your own admin role/);
    await expect(updateUser(db, admin.id, { disabled: true }, self)).rejects.toThrow(/disable yourself/);
    const other = await createUser(db, { email: email(), roles: ["viewer"] }, self);
    await updateUser(db, other.id, { roles: ["viewer", "board"] }, self);
    await setPassword(db, other.id, "another long password", actor);
    const records = await db.prisma.auditRecord.findMany({ where: { target: other.email }, orderBy: { seq: "asc" } });
    expect(records.map((r) => [r.action, r.actorType, r.actor])).toEqual([
      ["user.create", "user", admin.email],
      ["user.update", "user", admin.email],
      ["user.password_set", "cli", "test"],
    ]);
    expect(JSON.parse(records[1]!.before!).roles).toEqual(["viewer"]);
    expect(JSON.parse(records[1]!.after!).roles).toEqual(["viewer", "board"]);
    expect(JSON.stringify(records)).not.toMatch(/scrypt/);
  });

  it("asks for the current password when a user changes their own", async () => {
    const db = database();
    const user = await createUser(db, { email: email(), roles: ["viewer"] }, actor, { password: "the first password" });
    const self = { type: "user" as const, name: user.email, source: "10.0.3.1" };
    await expect(setPassword(db, user.id, "the second password", self)).rejects.toThrow(/current password/);
    await expect(setPassword(db, user.id, "the second password", self, { currentPassword: "not it" })).rejects.toThrow(/current password/);
    await expect(setPassword(db, user.id, "short", self, { currentPassword: "the first password" })).rejects.toThrow(/at least 12/);
    const here = await createSession(db, user.id, "password");
    const elsewhere = await createSession(db, user.id, "password");
    await setPassword(db, user.id, "the second password", self, { currentPassword: "the first password", keepSessionId: sha256(here.token) });
    expect((await signInWithPassword(db, user.email, "the second password", null)).ok).toBe(true);
    // The other sessions end (a stolen one among them); this one stays.
    expect(await readSession(db, here.token)).not.toBeNull();
    expect(await readSession(db, elsewhere.token)).toBeNull();
    // A wrong current password counts as a failed sign-in, so guessing it is throttled too.
    const failed = await db.prisma.auditRecord.findFirst({ where: { action: "auth.sign_in_failed", source: "10.0.3.1" } });
    expect(failed).toMatchObject({ target: user.email, count: 2 });
  });

  it("keeps single sign-on users from setting a local password themselves", async () => {
    const db = database();
    const user = await createUser(db, { email: email(), roles: ["viewer"] }, actor);
    await db.prisma.user.update({ where: { id: user.id }, data: { oidcSubject: `https://idp.example.com ${user.id}` } });
    await expect(setPassword(db, user.id, "a password of mine", { type: "user", name: user.email, source: null })).rejects.toThrow(/single sign-on/);
  });

  it("keeps the audit trail append-only: the database refuses updates and deletes", async () => {
    const db = database();
    await createUser(db, { email: email(), roles: ["viewer"] }, actor);
    const [record] = await db.prisma.auditRecord.findMany({ take: 1 });
    await expect(db.prisma.auditRecord.update({ where: { seq: record!.seq }, data: { actor: "someone else" } })).rejects.toThrow();
    await expect(db.prisma.auditRecord.deleteMany({})).rejects.toThrow();
    await expect(db.sql.execute(`DELETE FROM "AuditRecord"`)).rejects.toThrow(/append-only/);
    expect((await db.prisma.auditRecord.findUnique({ where: { seq: record!.seq } }))?.actor).toBe(record!.actor);
  });
});
