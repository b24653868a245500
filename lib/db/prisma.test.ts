import BetterSqlite from "better-sqlite3";
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import type { Database } from "./database";
import { sqlitePath } from "./dialect";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens a transaction that writes `key` and stays open until `rollBack` is called, then throws. `query` runs while it
 * is open and gets every chance to run inside it; the query's answer comes back after the rollback.
 */
async function besideOpenTransaction<T>(db: Database, key: string, query: () => Promise<T>): Promise<T> {
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  let rollBack!: () => void;
  const rolledBack = new Promise<void>((resolve) => (rollBack = resolve));
  const failing = db.prisma.$transaction(async (tx) => {
    await tx.setting.create({ data: { key, value: "1" } });
    opened();
    await rolledBack;
    throw new Error("roll back");
  });
  await open;
  const answer = query();
  await Promise.race([answer, pause(100)]);
  rollBack();
  await expect(failing).rejects.toThrow("roll back");
  return answer;
}

describeEachDatabase("Prisma client isolation", (database, dialect) => {
  it("a write made beside an open transaction survives that transaction's rollback", async () => {
    const db = database();
    await besideOpenTransaction(db, "isolation.inside", () => db.prisma.setting.create({ data: { key: "isolation.beside", value: "1" } }));
    const keys = (await db.prisma.setting.findMany({ where: { key: { startsWith: "isolation." } } })).map((s) => s.key);
    expect(keys).toEqual(["isolation.beside"]);
  });

  it("a read beside an open transaction never sees its uncommitted writes", async () => {
    const db = database();
    expect(await besideOpenTransaction(db, "isolation.dirty", () => db.prisma.setting.findUnique({ where: { key: "isolation.dirty" } }))).toBeNull();
  });

  // Another process (a `tollgate` command beside the server) writing between a transaction's first read and its first
  // write would otherwise make that write fail at once with SQLITE_BUSY: a deferred transaction cannot move its snapshot.
  it.runIf(dialect === "sqlite")("a SQLite transaction holds the write lock from its start", async () => {
    const db = database();
    const other = new BetterSqlite(sqlitePath(db.url), { timeout: 0 });
    try {
      await db.prisma.$transaction(async (tx) => {
        await tx.setting.findUnique({ where: { key: "isolation.locked" } });
        expect(() => other.prepare(`INSERT INTO "Setting" ("key", "value") VALUES ('isolation.other', '1')`).run()).toThrow(/locked|busy/i);
        await tx.setting.create({ data: { key: "isolation.locked", value: "1" } });
      });
      other.prepare(`INSERT INTO "Setting" ("key", "value") VALUES ('isolation.other', '1')`).run();
    } finally {
      other.close();
    }
    expect((await db.prisma.setting.findMany({ where: { key: { in: ["isolation.locked", "isolation.other"] } } })).length).toBe(2);
  });
});
