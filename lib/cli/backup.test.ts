import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/database";
import { readWriteSettings } from "@/lib/db/watermark";
import { createDatabase, postgresReachable } from "@/lib/db/throwaway";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { createTestDatabase, POSTGRES_ADMIN_URL, type TestDatabase } from "@/lib/testing/databases";
import { anEvent, testProgram, testActor } from "@/lib/testing/fixtures";
import { appendAudit } from "@/lib/audit/audit";
import { BackupError, backupDatabase, installed, restoreDatabase, verifySqliteDatabase } from "./backup";

const now = new Date("2026-11-03T00:00:00Z");
const events = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => anEvent(i % 2 ? "review" : "output", { id: `${prefix}-${i}` }));

describe("tollgate backup and restore [sqlite]", () => {
  let source: TestDatabase;
  let dir: string;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-backup-test-"));
    source = await createTestDatabase("sqlite");
    await applyProgram(source.db, testProgram, testActor);
    await ingestBatch(source.db, events(200, "before"), { now });
  });
  afterAll(async () => {
    await source.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("backs up a consistent copy while events are being written, and refuses to overwrite without --force", async () => {
    const out = file("live.db");
    // Writes from another connection land between the backup's steps and make it start over; it must still finish.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await ingestBatch(source.db, events(50, `during-${written}`), { now });
        written += 50;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const result = await backupDatabase({ url: source.url, out });
    writing = false;
    await writer;
    expect(result.method).toBe("sqlite-online-backup");
    expect(result.events).toBeGreaterThanOrEqual(200);
    expect(verifySqliteDatabase(out).events).toBe(result.events);
    // A single self-contained file, and no temporary file left behind.
    expect(fs.existsSync(`${out}-wal`)).toBe(false);
    expect(fs.readdirSync(dir)).toEqual(["live.db"]);
    // The copy's rollups were copied with its events: rollups and events agree.
    const copy = new Database(out, { readonly: true });
    const outputs = (copy.prepare(`SELECT SUM("outputs") AS n FROM "DailyRollup"`).get() as { n: number }).n;
    const stored = (copy.prepare(`SELECT COUNT(*) AS n FROM "Event" WHERE "type" = 'output'`).get() as { n: number }).n;
    copy.close();
    expect(outputs).toBe(stored);

    await expect(backupDatabase({ url: source.url, out })).rejects.toThrow(/already exists; pass --force/);
    await expect(backupDatabase({ url: source.url, out, force: true })).resolves.toMatchObject({ file: out });
  });

  it("refuses a database that is not Tollgate's, and a missing one", async () => {
    const plain = file("plain.db");
    new Database(plain).close();
    await expect(backupDatabase({ url: `file:${plain}`, out: file("plain-backup.db") })).rejects.toThrow(/not a Tollgate database/);
    await expect(backupDatabase({ url: `file:${file("missing.db")}`, out: file("x.db") })).rejects.toThrow(/no database at/);
  });

  it("restores into a new location with the same events, and only with --force over an existing database", async () => {
    const backup = file("for-restore.db");
    await backupDatabase({ url: source.url, out: backup });
    const target = file(`restored-${crypto.randomBytes(3).toString("hex")}.db`);
    const url = `file:${target}`;
    const result = await restoreDatabase({ url, from: backup });
    expect(result).toMatchObject({ target, method: "sqlite-file-swap", events: verifySqliteDatabase(backup).events });

    const restored = openDatabase(url);
    try {
      expect(await restored.prisma.event.count()).toBe(result.events);
      expect(await restored.prisma.workflow.count()).toBe(testProgram.workflows!.length);
      // Its rollups are the backup's, older than those a running process may know of: a new generation voids that.
      const generation = async (db: TestDatabase["db"]) => (await db.sql.transaction(readWriteSettings)).rollupsGeneration;
      const [backedUp, afterRestore] = [await generation(source.db), await generation(restored)];
      expect(backedUp).not.toBeNull();
      expect(afterRestore).not.toBeNull();
      expect(afterRestore).not.toBe(backedUp);
    } finally {
      await restored.close();
    }

    await expect(restoreDatabase({ url, from: backup })).rejects.toThrow(/already exists; pass --force/);
    // A stale WAL of the database being replaced must not be replayed into the restored file.
    fs.writeFileSync(`${target}-wal`, crypto.randomBytes(8192));
    fs.writeFileSync(`${target}-shm`, crypto.randomBytes(32768));
    await restoreDatabase({ url, from: backup, force: true });
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    expect(verifySqliteDatabase(target).events).toBe(result.events);
  });

  it("sets aside the audit records a restore would drop, in a file, and records the restore in the restored trail", async () => {
    const backup = file("for-audit.db");
    await backupDatabase({ url: source.url, out: backup });
    const url = `file:${file(`audited-${crypto.randomBytes(3).toString("hex")}.db`)}`;
    expect(await restoreDatabase({ url, from: backup })).toMatchObject({ auditDiscarded: 0, auditSavedTo: null });
    const live = openDatabase(url);
    try {
      await appendAudit(live.prisma, { type: "user", name: "ann@example.com", source: "10.0.0.1" }, { action: "key.create", target: "after-the-backup" });
    } finally {
      await live.close();
    }

    const result = await restoreDatabase({ url, from: backup, force: true });
    // The first restore's own database.restore record and the key.create were made after the backup.
    expect(result.auditDiscarded).toBe(2);
    const saved = fs.readFileSync(result.auditSavedTo!, "utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(saved.map((r) => r.action)).toEqual(["database.restore", "key.create"]);
    expect(saved[1]).toMatchObject({ actor: "ann@example.com", target: "after-the-backup", source: "10.0.0.1" });

    const restored = openDatabase(url);
    try {
      expect(await restored.prisma.auditRecord.count({ where: { target: "after-the-backup" } })).toBe(0);
      const record = await restored.prisma.auditRecord.findFirst({ where: { action: "database.restore" }, orderBy: { seq: "desc" } });
      expect(record).toMatchObject({ actorType: "cli", target: "for-audit.db", source: "cli" });
      expect(JSON.parse(record!.after!)).toEqual({ from: backup, method: "sqlite-file-swap", auditDiscarded: 2, auditSavedTo: result.auditSavedTo });
    } finally {
      await restored.close();
    }
  });

  it("refuses files that are not intact Tollgate databases, and a database another process has open", async () => {
    const text = file("notes.txt");
    fs.writeFileSync(text, "not a database at all, just some text that is long enough to be read as a header\n".repeat(20));
    await expect(restoreDatabase({ url: `file:${file("t1.db")}`, from: text })).rejects.toThrow(BackupError);
    const plain = file("plain2.db");
    const db = new Database(plain);
    db.exec("CREATE TABLE t (x)");
    db.close();
    await expect(restoreDatabase({ url: `file:${file("t2.db")}`, from: plain })).rejects.toThrow(/not a Tollgate one/);
    await expect(restoreDatabase({ url: `file:${file("t3.db")}`, from: file("nope.db") })).rejects.toThrow(/no such file/);
    expect(fs.existsSync(file("t1.db")) || fs.existsSync(file("t2.db"))).toBe(false);

    const backup = file("held.db");
    await backupDatabase({ url: source.url, out: backup });
    const target = file("in-use.db");
    fs.copyFileSync(backup, target);
    const holder = spawn(process.execPath, ["-e", `require("fs").openSync(${JSON.stringify(target)}, "r"); console.log("open"); setTimeout(() => {}, 30000)`], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      await new Promise((resolve) => holder.stdout.once("data", resolve));
      await expect(restoreDatabase({ url: `file:${target}`, from: backup, force: true })).rejects.toThrow(new RegExp(`open in process ${holder.pid}`));
    } finally {
      holder.kill("SIGKILL");
    }
  });
});

const postgres = (await postgresReachable(POSTGRES_ADMIN_URL)) && installed("pg_dump") && installed("pg_restore");

describe.skipIf(!postgres)("tollgate backup and restore [postgres]", () => {
  let source: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-backup-test-"));
    source = await createTestDatabase("postgres");
    await applyProgram(source.db, testProgram, testActor);
    await ingestBatch(source.db, events(120, "pg"), { now });
  });
  afterAll(async () => {
    await source?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("dumps with pg_dump and restores with pg_restore into an empty database, refusing a non-empty one", async () => {
    const out = path.join(dir, "tollgate.dump");
    expect(await backupDatabase({ url: source.url, out })).toMatchObject({ method: "pg_dump", file: out });
    await expect(backupDatabase({ url: source.url, out })).rejects.toThrow(/already exists/);

    const target = await createDatabase("postgres", `tollgate_test_restore_${crypto.randomBytes(4).toString("hex")}`, { tempDir: dir, postgresAdminUrl: POSTGRES_ADMIN_URL });
    try {
      expect(await restoreDatabase({ url: target.url, from: out })).toMatchObject({ auditDiscarded: 0, auditSavedTo: null });
      const restored = openDatabase(target.url);
      try {
        expect(await restored.prisma.auditRecord.count({ where: { action: "database.restore", target: "tollgate.dump" } })).toBe(1);
        expect(await restored.prisma.event.count()).toBe(await source.db.prisma.event.count());
        // Triggers come back after the data: restoring must not count tasks twice.
        const taskDays = await restored.prisma.taskDay.aggregate({ _sum: { tasks: true } });
        expect(taskDays._sum.tasks).toBe(await restored.prisma.task.count());
      } finally {
        await restored.close();
      }
      await expect(restoreDatabase({ url: target.url, from: out })).rejects.toThrow(/already holds/);
      await expect(restoreDatabase({ url: target.url, from: path.join(dir, "missing.dump") })).rejects.toThrow(/no such file/);
    } finally {
      await target.drop();
    }
  });
});
