import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase("Prisma client isolation", (database) => {
  it("a write made beside an open transaction survives that transaction's rollback", async () => {
    const db = database();
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));

    const failing = db.prisma.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "isolation.inside", value: "1" } });
      opened();
      await finished;
      throw new Error("roll back");
    });
    await open;
    const beside = db.prisma.setting.create({ data: { key: "isolation.beside", value: "1" } });
    // Give the write beside every chance to run while the transaction is still open.
    await Promise.race([beside, pause(100)]);
    finish();
    await expect(failing).rejects.toThrow("roll back");
    await beside;

    const keys = (await db.prisma.setting.findMany({ where: { key: { startsWith: "isolation." } } })).map((s) => s.key);
    expect(keys).toEqual(["isolation.beside"]);
  });

  it("a read beside an open transaction never sees its uncommitted writes", async () => {
    const db = database();
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));

    const failing = db.prisma.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "isolation.dirty", value: "1" } });
      opened();
      await finished;
      throw new Error("roll back");
    });
    await open;
    const read = db.prisma.setting.findUnique({ where: { key: "isolation.dirty" } });
    await Promise.race([read, pause(100)]);
    finish();
    await expect(failing).rejects.toThrow("roll back");
    expect(await read).toBeNull();
  });
});
