// Migrations applied to databases that already hold data: what an upgrade of a running installation does. Each
// case migrates a fresh database up to just before a migration, writes data as the older code did, then applies
// the rest and checks that nothing was lost.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_ADMIN_URL, TEST_DIALECTS } from "@/lib/testing/databases";
import { anEvent, testActor, testProgram } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { EVENT_COLUMNS } from "@/lib/ingest/groupCommit";
import { normalizeEvent } from "@/lib/ingest/normalize";
import { bulkInsert } from "./bulk";
import { openDatabase, type Database } from "./database";
import { createDatabase, postgresReachable, type ThrowawayDatabase } from "./throwaway";
import { migrate } from "./migrate";
import { migrationsDir } from "./schema";
import { setupInstallation } from "./settings";

const postgres = await postgresReachable(POSTGRES_ADMIN_URL);

/** Applies the committed migrations that sort before `name`, as an installation of an older release has them. */
async function migrateBefore(db: Database, name: string): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-migrations-"));
  const from = path.resolve(migrationsDir(db.dialect));
  const to = path.join(root, migrationsDir(db.dialect));
  fs.mkdirSync(to, { recursive: true });
  for (const folder of fs.readdirSync(from)) if (folder < name && fs.statSync(path.join(from, folder)).isDirectory()) fs.cpSync(path.join(from, folder), path.join(to, folder), { recursive: true });
  try {
    await migrate(db.sql, root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

for (const dialect of TEST_DIALECTS) {
  const suite = dialect === "postgres" && !postgres ? describe.skip : describe;
  suite(`migrating a database with data [${dialect}]`, () => {
    let store: ThrowawayDatabase;
    let db: Database;
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-migrate-"));
    beforeAll(async () => {
      store = await createDatabase(dialect, `tollgate_test_${crypto.randomBytes(6).toString("hex")}`, { tempDir, postgresAdminUrl: POSTGRES_ADMIN_URL });
      db = openDatabase(store.url);
    });
    afterAll(async () => {
      await db.close();
      await store.drop();
      fs.rmSync(tempDir, { recursive: true, force: true });
    });

    it("event_identity_per_workflow keeps every event and makes (workflow, id) the identity", async () => {
      await migrateBefore(db, "20261206003006_event_identity_per_workflow");
      // Events as the older release stored them, keyed by id alone.
      const context = { workflows: new Set(["ticket-triage", "crm-enrichment"]), cohorts: new Set(["support-pilot", "sales-pilot"]), allowedWorkflows: null, timezone: "UTC", actorSecret: "s", now: new Date("2026-12-01T00:00:00Z") };
      const events = [anEvent("output", { actor: "a" }), anEvent("review"), anEvent("incident", { workflow: "crm-enrichment", cohort: "sales-pilot" })].map((item, i) => {
        const normalized = normalizeEvent(item, i, context);
        if (!normalized.ok) throw new Error("fixture event invalid");
        return normalized.event;
      });
      const receivedAt = new Date("2026-12-01T00:00:00Z");
      // The columns the Event table had then: later migrations add the feedback columns and the review sample flag.
      const LATER_COLUMNS = ["rating", "score", "sampled"];
      const columns = EVENT_COLUMNS.filter((c) => !LATER_COLUMNS.includes(c));
      await db.sql.transaction((tx) =>
        bulkInsert(tx, {
          table: "Event",
          columns,
          rows: events.map((e) => columns.map((c) => (c === "receivedAt" ? receivedAt : c === "apiKeyId" ? null : e[c]))),
          onConflict: `ON CONFLICT ("id") DO NOTHING`,
        }),
      );
      const before = await db.sql.query(`SELECT * FROM "Event" ORDER BY "id"`);
      expect(before).toHaveLength(3);

      await migrate(db.sql);
      const after = await db.sql.query<Record<string, unknown>>(`SELECT * FROM "Event" ORDER BY "id"`);
      // Later columns arrive with their defaults: no rating or score, and not from the review queue's sample.
      expect(after.map(({ rating, score, sampled, ...row }) => (rating === null && score === null && !sampled ? row : { rating, score, sampled, ...row }))).toEqual(before);

      await setupInstallation(db, { timezone: "UTC", actorSecret: "s" });
      await applyProgram(db, testProgram, testActor);
      const now = new Date("2026-11-03T00:00:00Z");
      const [kept] = events;
      // The same id in another workflow is now another event; in its own workflow it is still a duplicate.
      const elsewhere = { ...anEvent("output"), id: kept!.id, workflow: "crm-enrichment", cohort: "sales-pilot" };
      expect(await ingestBatch(db, [elsewhere, { ...anEvent("output"), id: kept!.id }], { now })).toEqual({ accepted: 1, duplicates: 1, rejected: [], stored: [0] });
      expect(await db.prisma.event.count({ where: { id: kept!.id } })).toBe(2);
    });

    it("audit_refusal_counts keeps every record (count 1) and the trail append-only", async () => {
      const at = new Date("2026-12-01T10:00:00Z");
      const insert = `INSERT INTO "AuditRecord" ("at", "actorType", "actor", "action", "target", "source", "before", "after") VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`;
      // This database is past that migration already (the case above migrated it fully); a fresh one is not.
      const fresh = await createDatabase(dialect, `tollgate_test_${crypto.randomBytes(6).toString("hex")}`, { tempDir, postgresAdminUrl: POSTGRES_ADMIN_URL });
      const old = openDatabase(fresh.url);
      try {
        await migrateBefore(old, "20261206005433_audit_refusal_counts");
        await old.sql.execute(insert, [at, "cli", "ops", "key.create", "agent", "cli", JSON.stringify({ scopes: ["ingest"] })]);
        await old.sql.execute(insert, [at, "anonymous", "x@example.com", "auth.sign_in_failed", "x@example.com", "10.0.0.1", JSON.stringify({ reason: "unknown email" })]);
        const before = await old.sql.query(`SELECT * FROM "AuditRecord" ORDER BY "seq"`);
        await migrate(old.sql);
        const after = await old.sql.query<Record<string, unknown>>(`SELECT * FROM "AuditRecord" ORDER BY "seq"`);
        expect(after).toEqual(before.map((row) => ({ ...row, count: 1 })));
        await expect(old.sql.execute(`DELETE FROM "AuditRecord"`)).rejects.toThrow(/append-only/);
        await expect(old.sql.execute(`UPDATE "AuditRecord" SET "actor" = 'someone else'`)).rejects.toThrow(/append-only/);
        // New records continue the sequence.
        await old.sql.execute(insert, [at, "cli", "ops", "key.revoke", "agent", "cli", null]);
        const [last] = await old.sql.query<{ seq: number | string }>(`SELECT MAX("seq") AS "seq" FROM "AuditRecord"`);
        expect(Number(last!.seq)).toBe(3);
      } finally {
        await old.close();
        await fresh.drop();
      }
    });

    it("sketch_tables_without_rowid keeps every sketch count, and SQLite then stores the sketches in key order", async () => {
      const tables = ["DurationRollup", "DurationWeek", "ManualBaseline"];
      const fresh = await createDatabase(dialect, `tollgate_test_${crypto.randomBytes(6).toString("hex")}`, { tempDir, postgresAdminUrl: POSTGRES_ADMIN_URL });
      const old = openDatabase(fresh.url);
      try {
        await migrateBefore(old, "20261206140000_sketch_tables_without_rowid");
        await setupInstallation(old, { timezone: "UTC", actorSecret: "s" });
        await applyProgram(old, testProgram, testActor);
        const now = new Date("2026-11-20T00:00:00Z");
        const completions = (durationMs: number) =>
          ["agent", "manual"].flatMap((mode) => [anEvent("completion", { mode, durationMs }), anEvent("completion", { mode, durationMs, occurredAt: "2026-11-10T10:00:00Z" })]);
        expect((await ingestBatch(old, completions(90_000), { now })).accepted).toBe(4);
        const read = () => Promise.all(tables.map((table) => old.sql.query(`SELECT * FROM "${table}" ORDER BY "workflow", "cohort", "bucket"${table === "ManualBaseline" ? "" : `, "mode", "agentVersion", "${table === "DurationWeek" ? "week" : "day"}"`}`)));
        const before = await read();
        expect(before.map((rows) => rows.length > 0)).toEqual([true, true, true]);

        await migrate(old.sql);
        expect(await read()).toEqual(before);
        if (dialect === "sqlite") {
          const definitions = await old.sql.query<{ sql: string }>(`SELECT "sql" FROM "sqlite_master" WHERE "type" = 'table' AND "name" IN (${tables.map(() => "?").join(", ")})`, tables);
          expect(definitions.map((d) => /WITHOUT ROWID\s*$/.test(d.sql))).toEqual([true, true, true]);
        }
        // The rebuilt tables take the next events' counts onto the kept ones.
        expect((await ingestBatch(old, completions(90_000), { now })).accepted).toBe(4);
        const counts = (await read()).map((rows) => rows.map((row) => Number((row as { count: unknown }).count)));
        expect(counts).toEqual(before.map((rows) => rows.map((row) => 2 * Number((row as { count: unknown }).count))));
      } finally {
        await old.close();
        await fresh.drop();
      }
    });
  });
}
