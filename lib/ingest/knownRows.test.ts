import { beforeAll, expect, it } from "vitest";
import type { Database } from "@/lib/db/database";
import type { SqlDriver, SqlExecutor } from "@/lib/db/sql";
import { setupInstallation } from "@/lib/db/settings";
import { describeEachDatabase, TEST_ACTOR_SECRET } from "@/lib/testing/databases";
import { anEvent, testProgram, testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "./ingestBatch";
import { rebuildRollups } from "./rebuildRollups";

const now = new Date("2026-11-03T00:00:00Z");

/**
 * The database, with the tables each write transaction inserts into recorded. A handle of its own, set up as a
 * server's is: what ingestion keeps per database (settings, group commit, known rows) starts empty for it.
 */
async function recordingInserts(db: Database): Promise<{ db: Database; tables: string[] }> {
  const tables: string[] = [];
  // A statement may insert into several tables (lib/db/bulk.ts bulkInsertAll).
  const note = (sql: string) => {
    for (const [, table] of sql.matchAll(/INSERT INTO "(\w+)"/g)) tables.push(table!);
  };
  const recorded = (executor: SqlExecutor): SqlExecutor => ({
    dialect: executor.dialect,
    query: (sql, params, options) => (note(sql), executor.query(sql, params, options)),
    execute: (sql, params) => (note(sql), executor.execute(sql, params)),
    executeEach: (sql, rows) => (note(sql), executor.executeEach(sql, rows)),
    script: (sql) => executor.script(sql),
  });
  const sql: SqlDriver = {
    ...recorded(db.sql),
    parallelWrites: db.sql.parallelWrites,
    transaction: (fn) => db.sql.transaction((tx) => fn(recorded(tx))),
    read: (fn) => db.sql.read(fn),
    close: () => db.sql.close(),
  };
  const handle = { ...db, sql };
  await setupInstallation(handle, { timezone: "UTC", actorSecret: TEST_ACTOR_SECRET });
  return { db: handle, tables };
}

describeEachDatabase("rows known to exist", (database) => {
  beforeAll(async () => {
    await applyProgram(database(), testProgram, testActor);
  });

  const actorRows = async (table: "ActorDay" | "ActorWeek") =>
    Number((await database().sql.query<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "${table}"`))[0]!.n);

  it("leaves an actor's day and week rows out of the inserts once they are known to exist", async () => {
    const { db, tables } = await recordingInserts(database());
    await ingestBatch(db, [anEvent("output", { actor: "known@example.com" })], { now });
    expect(tables).toEqual(expect.arrayContaining(["ActorDay", "ActorWeek"]));
    tables.length = 0;
    await ingestBatch(db, [anEvent("output", { actor: "known@example.com" })], { now });
    expect(tables).toContain("Event");
    expect(tables).not.toContain("ActorDay");
    expect(tables).not.toContain("ActorWeek");
    // A new actor's rows are still inserted beside known ones.
    await ingestBatch(db, [anEvent("output", { actor: "known@example.com" }), anEvent("output", { actor: "new@example.com" })], { now });
    expect(tables).toEqual(expect.arrayContaining(["ActorDay", "ActorWeek"]));
    expect([await actorRows("ActorDay"), await actorRows("ActorWeek")]).toEqual([2, 2]);
  });

  it("inserts again a known row that a rebuild removed", async () => {
    const db = database();
    const first = anEvent("output", { actor: "rebuilt@example.com", workflow: "crm-enrichment", cohort: "sales-pilot" });
    await ingestBatch(db, [first], { now });
    // Without the event behind them, the rebuild does not recompute its actor's rows.
    await db.sql.execute(`DELETE FROM "Event" WHERE "workflow" = ? AND "id" = ?`, [first.workflow, first.id]);
    await rebuildRollups(db, "UTC");
    const rows = () => db.sql.query(`SELECT "actor" FROM "ActorDay" WHERE "workflow" = 'crm-enrichment' UNION ALL SELECT "actor" FROM "ActorWeek" WHERE "workflow" = 'crm-enrichment'`);
    expect(await rows()).toHaveLength(0);
    await ingestBatch(db, [anEvent("output", { actor: "rebuilt@example.com", workflow: "crm-enrichment", cohort: "sales-pilot" })], { now });
    expect(await rows()).toHaveLength(2);
  });
});
