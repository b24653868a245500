// A stranger's refusals cannot flood the audit trail: they count into one record per action, address and 15-minute
// window, atomically, and the trail stays append-only apart from that count.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testActor } from "@/lib/testing/fixtures";
import { createUser } from "@/lib/auth/users";
import { recordRefusal, REFUSAL_WINDOW_MS } from "./audit";

describeEachDatabase("refusals in the audit trail", (database) => {
  const t0 = Date.UTC(2026, 11, 1, 9, 0, 0);

  it("counts a thousand failed attempts from one address over two and a half hours into at most ten records", async () => {
    const db = database();
    const step = (150 * 60_000) / 1000;
    for (let i = 0; i < 1000; i++) {
      await recordRefusal(db, "203.0.113.5", { action: "auth.sign_in_failed", target: `guess${i}@example.com`, after: { reason: "unknown email", method: "password" } }, new Date(t0 + i * step));
    }
    const records = await db.prisma.auditRecord.findMany({ where: { source: "203.0.113.5" }, orderBy: { seq: "asc" } });
    expect(records.length).toBeLessThanOrEqual(10);
    expect(records.reduce((sum, r) => sum + r.count, 0)).toBe(1000);
    // Each record keeps its window's first refusal.
    expect(records[0]).toMatchObject({ actorType: "anonymous", action: "auth.sign_in_failed", target: "guess0@example.com", at: new Date(t0) });
    expect(records.every((r, i) => i === 0 || Math.floor(r.at.getTime() / REFUSAL_WINDOW_MS) > Math.floor(records[i - 1]!.at.getTime() / REFUSAL_WINDOW_MS))).toBe(true);
  });

  it("counts parallel refusals into one record, and an IPv6 /64 as one address", async () => {
    const db = database();
    const at = new Date(t0 + 24 * 60 * 60_000);
    await Promise.all(Array.from({ length: 40 }, (_, i) => recordRefusal(db, `2001:db8:5:6::${(i + 1).toString(16)}`, { action: "auth.key_refused", target: `unknown tg_${i}`, after: { reason: "unknown" } }, at)));
    const records = await db.prisma.auditRecord.findMany({ where: { action: "auth.key_refused", at } });
    expect(records.map((r) => [r.source, r.count])).toEqual([["2001:db8:5:6::/64", 40]]);
    // Another action, or another address, is another record.
    await recordRefusal(db, "2001:db8:5:7::1", { action: "auth.key_refused", target: "x" }, at);
    await recordRefusal(db, "2001:db8:5:6::1", { action: "auth.sign_in_throttled", target: "x" }, at);
    expect(await db.prisma.auditRecord.count({ where: { at } })).toBe(3);
  });

  it("keeps the trail append-only: only a refusal record's count may go up, nothing else may change", async () => {
    const db = database();
    await createUser(db, { email: "kept@example.com", roles: ["viewer"] }, testActor);
    const user = await db.prisma.auditRecord.findFirst({ where: { action: "user.create", target: "kept@example.com" } });
    const refusal = await db.prisma.auditRecord.findFirst({ where: { actorType: "anonymous" } });
    await expect(db.sql.execute(`UPDATE "AuditRecord" SET "count" = "count" + 1 WHERE "seq" = ?`, [user!.seq])).rejects.toThrow(/append-only/);
    await expect(db.sql.execute(`UPDATE "AuditRecord" SET "count" = "count" - 1 WHERE "seq" = ?`, [refusal!.seq])).rejects.toThrow(/append-only/);
    await expect(db.sql.execute(`UPDATE "AuditRecord" SET "count" = "count" + 1, "target" = 'other' WHERE "seq" = ?`, [refusal!.seq])).rejects.toThrow(/append-only/);
    await expect(db.sql.execute(`DELETE FROM "AuditRecord" WHERE "seq" = ?`, [refusal!.seq])).rejects.toThrow(/append-only/);
    expect(await db.sql.execute(`UPDATE "AuditRecord" SET "count" = "count" + 1 WHERE "seq" = ?`, [refusal!.seq])).toBe(1);
    expect(await db.prisma.auditRecord.findUnique({ where: { seq: user!.seq } })).toEqual(user);
  });
});
