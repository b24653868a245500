import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { WAL_CHECKPOINT_PAGES, WRITER_CACHE_KIB } from "./sql";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase("sqlite");
});
afterAll(() => test.drop());

it("gives the SQLite writer a page cache that holds a write group, not SQLite's default 2 MB", async () => {
  expect(await test.db.sql.query("PRAGMA cache_size")).toEqual([{ cache_size: -WRITER_CACHE_KIB }]);
  expect(WRITER_CACHE_KIB).toBeGreaterThanOrEqual(16 * 1024);
});

it("checkpoints the SQLite WAL after about 40 MB, not SQLite's 4 MB", async () => {
  expect(await test.db.sql.query("PRAGMA wal_autocheckpoint")).toEqual([{ wal_autocheckpoint: WAL_CHECKPOINT_PAGES }]);
  expect(WAL_CHECKPOINT_PAGES).toBeGreaterThanOrEqual(5_000);
});
