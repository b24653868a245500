import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { countStatements } from "./statementCount";
import { addOnConflict, bulkInsert, bulkInsertAll } from "./bulk";
import type { Param } from "./sql";

describeEachDatabase("bulkInsert", (database, dialect) => {
  const columns = ["key", "at", "big", "flag", "note", "n"];

  beforeAll(async () => {
    const types = dialect === "sqlite" ? ["DATETIME", "BIGINT", "BOOLEAN"] : ["TIMESTAMP(3)", "BIGINT", "BOOLEAN"];
    await database().sql.execute(
      `CREATE TABLE "BulkProbe" ("key" TEXT PRIMARY KEY, "at" ${types[0]}, "big" ${types[1]}, "flag" ${types[2]}, "note" TEXT, "n" INTEGER NOT NULL)`,
    );
  });

  const insert = (rows: Param[][], returning?: string[]) =>
    database().sql.transaction((tx) =>
      bulkInsert<{ key: string }>(tx, { table: "BulkProbe", columns, rows, onConflict: `ON CONFLICT ("key") DO NOTHING`, returning }),
    );

  it("stores every value as given: dates as their UTC instant, integers beyond JSON's range, flags, text and nulls", async () => {
    const at = new Date("2026-03-04T14:22:09.123Z");
    const note = `quote " backslash \\ newline \n emoji 😀 accent é`;
    await insert([
      ["a", at, 9_007_199_254_740_993n, true, note, 1],
      ["b", null, null, false, null, 2],
    ]);
    const rows = await database().sql.query<{ key: string; at: unknown; big: unknown; flag: unknown; note: string | null }>(
      `SELECT "key", "at", CAST("big" AS TEXT) AS "big", "flag", "note" FROM "BulkProbe" WHERE "key" IN ('a', 'b') ORDER BY "key"`,
    );
    const instant = (value: unknown) => (value instanceof Date ? value : new Date(String(value))).toISOString();
    expect(rows.map((r) => [r.key, r.at === null ? null : instant(r.at), r.big, Boolean(r.flag), r.note])).toEqual([
      ["a", at.toISOString(), "9007199254740993", true, note],
      ["b", null, null, false, null],
    ]);
  });

  it("returns only the rows it inserted when conflicts are skipped", async () => {
    const inserted = await insert(
      [
        ["c", null, null, false, null, 1],
        ["a", null, null, false, null, 1],
        ["d", null, null, false, null, 1],
      ],
      ["key"],
    );
    expect(inserted.map((r) => r.key).sort()).toEqual(["c", "d"]);
  });

  it("adds counters on conflict", async () => {
    await database().sql.transaction((tx) =>
      bulkInsert(tx, {
        table: "BulkProbe",
        columns: ["key", "n"],
        rows: [["a", 5], ["e", 3]],
        onConflict: addOnConflict("BulkProbe", ["key"], ["n"]),
      }),
    );
    const rows = await database().sql.query<{ key: string; n: number }>(`SELECT "key", "n" FROM "BulkProbe" WHERE "key" IN ('a', 'e') ORDER BY "key"`);
    expect(rows.map((r) => [r.key, Number(r.n)])).toEqual([["a", 6], ["e", 3]]);
  });

  it("stores the values every row shares as if each row held them, and returns the rows it inserted", async () => {
    const at = new Date("2026-05-06T07:08:09.010Z");
    const inserted = await database().sql.transaction((tx) =>
      bulkInsert<{ key: string }>(tx, {
        table: "BulkProbe",
        columns: ["key", "n", "flag"],
        rows: [["same-1", 1, true], ["a", 2, false], ["same-2", 3, false]],
        same: { at, note: null, big: 9_007_199_254_740_993n },
        onConflict: `ON CONFLICT ("key") DO NOTHING`,
        returning: ["key"],
      }),
    );
    expect(inserted.map((r) => r.key).sort()).toEqual(["same-1", "same-2"]);
    const rows = await database().sql.query<{ key: string; at: unknown; big: unknown; note: string | null; n: number }>(
      `SELECT "key", "at", CAST("big" AS TEXT) AS "big", "note", "n" FROM "BulkProbe" WHERE "key" LIKE 'same-%' ORDER BY "key"`,
    );
    const instant = (value: unknown) => (value instanceof Date ? value : new Date(String(value))).toISOString();
    expect(rows.map((r) => [r.key, instant(r.at), r.big, r.note, Number(r.n)])).toEqual([
      ["same-1", at.toISOString(), "9007199254740993", null, 1],
      ["same-2", at.toISOString(), "9007199254740993", null, 3],
    ]);
  });

  if (dialect === "postgres") {
    // Multi-row VALUES lists cost the server a parse and plan per chunk of rows; one JSON parameter costs one statement.
    it("sends one statement whatever the number of rows, prepared once on its connection", async () => {
      const counted = countStatements(database());
      const rows = Array.from({ length: 1_200 }, (_, i): Param[] => [`many-${i}`, new Date(), BigInt(i), i % 2 === 0, `note ${i}`, i]);
      const { inserted, statements, prepared } = await counted.db.sql.transaction(async (tx) => {
        const inserted = await bulkInsert(tx, { table: "BulkProbe", columns, rows, onConflict: `ON CONFLICT ("key") DO NOTHING`, returning: ["key"] });
        const statements = counted.count();
        // The same connection, so its prepared statements are the ones the insert left.
        const [prepared] = await tx.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO "BulkProbe" ("key", "at", "big", "flag", "note", "n") SELECT%DO NOTHING RETURNING "key"'`);
        return { inserted, statements, prepared: prepared!.n };
      });
      expect(inserted).toHaveLength(1_200);
      expect(statements).toBe(1);
      expect(prepared).toBe(1);
    });
  }

  it("inserts into several tables at once as each insert alone would, leaving empty ones out, in one statement on Postgres", async () => {
    await database().sql.execute(`CREATE TABLE "BulkProbeCount" ("key" TEXT PRIMARY KEY, "n" INTEGER NOT NULL)`);
    await database().sql.execute(`CREATE TABLE "BulkProbeEmpty" ("key" TEXT PRIMARY KEY)`);
    const counted = countStatements(database());
    await counted.db.sql.transaction((tx) =>
      bulkInsertAll(tx, [
        { table: "BulkProbe", columns: ["key", "n"], rows: [["all-1", 1], ["a", 9]], onConflict: `ON CONFLICT ("key") DO NOTHING` },
        { table: "BulkProbeEmpty", columns: ["key"], rows: [], onConflict: `ON CONFLICT ("key") DO NOTHING` },
        { table: "BulkProbeCount", columns: ["key", "n"], rows: [["x", 2], ["y", 3]], onConflict: addOnConflict("BulkProbeCount", ["key"], ["n"]) },
      ]),
    );
    // SQLite, in process, runs a prepared statement per row.
    expect(counted.count()).toBe(dialect === "postgres" ? 1 : 4);
    await database().sql.transaction((tx) =>
      bulkInsertAll(tx, [
        { table: "BulkProbe", columns: ["key", "n"], rows: [["all-2", 4]], onConflict: `ON CONFLICT ("key") DO NOTHING` },
        { table: "BulkProbeCount", columns: ["key", "n"], rows: [["x", 5]], onConflict: addOnConflict("BulkProbeCount", ["key"], ["n"]) },
      ]),
    );
    const probes = await database().sql.query<{ key: string; n: number }>(`SELECT "key", "n" FROM "BulkProbe" WHERE "key" LIKE 'all-%' OR "key" = 'a' ORDER BY "key"`);
    expect(probes.map((r) => [r.key, Number(r.n)])).toEqual([["a", 6], ["all-1", 1], ["all-2", 4]]);
    const counts = await database().sql.query<{ key: string; n: number }>(`SELECT "key", "n" FROM "BulkProbeCount" ORDER BY "key"`);
    expect(counts.map((r) => [r.key, Number(r.n)])).toEqual([["x", 7], ["y", 3]]);
  });
});
