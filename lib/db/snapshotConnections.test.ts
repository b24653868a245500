import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";

describeEachDatabase("read snapshots", (database, dialect) => {
  const count = `SELECT CAST(count(*) AS INTEGER) AS "n" FROM "Setting" WHERE "key" LIKE 'snapshot-probe-%'`;
  // A statement that takes a while on Postgres, so two started together overlap; it names the connection it ran on.
  const slowly = dialect === "postgres" ? `SELECT pg_backend_pid() AS "connection", (${count}) AS "n", pg_sleep(0.2) IS NULL AS "slept"` : `SELECT 0 AS "connection", (${count}) AS "n"`;

  it("gives every statement of a read the same snapshot, those started together included, whatever commits meanwhile", async () => {
    const db = database();
    const { before, together } = await db.sql.read(async (tx) => {
      const [before] = await tx.query<{ n: number }>(count);
      await db.sql.execute(`INSERT INTO "Setting" ("key", "value") VALUES ('snapshot-probe-1', 'x')`);
      const together = await Promise.all([1, 2, 3].map(() => tx.query<{ connection: number; n: number }>(slowly)));
      return { before: before!.n, together: together.map(([row]) => row!) };
    });
    expect(together.map((row) => Number(row.n))).toEqual([before, before, before]);
    const [after] = await db.sql.query<{ n: number }>(count);
    expect(Number(after!.n)).toBe(before + 1);
    // Postgres ran them side by side, on helper connections that imported the read's snapshot.
    if (dialect === "postgres") expect(new Set(together.map((row) => row.connection)).size).toBeGreaterThan(1);
  });

  it("finishes many concurrent reads whose statements outnumber the connections", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => database().sql.read((tx) => Promise.all(Array.from({ length: 5 }, () => tx.query<{ n: number }>(count))))),
    );
    expect(results.flat()).toHaveLength(60);
  });

  it("ends a failed read on every connection it used, and later reads work", async () => {
    const failing = database().sql.read((tx) => Promise.all([tx.query(slowly), tx.query(`SELECT * FROM "NoSuchTable"`)]));
    await expect(failing).rejects.toThrow();
    const [row] = await database().sql.read((tx) => tx.query<{ n: number }>(count));
    expect(Number(row!.n)).toBeGreaterThanOrEqual(0);
  });
});
