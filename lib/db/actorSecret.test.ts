// The actor-pseudonymization secret lives outside the database: where it goes, how an installation that kept it in
// the database moves it out without changing a pseudonym, and what happens when it is missing or wrong.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_ADMIN_URL, TEST_DIALECTS } from "@/lib/testing/databases";
import { anEvent, testActor, testProgram } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { pseudonymizeActor } from "@/lib/ingest/normalize";
import { backupDatabase, restoreDatabase } from "@/lib/cli/backup";
import { openDatabase, type Database } from "./database";
import { migrate } from "./migrate";
import { createDatabase, postgresReachable } from "./throwaway";
import { readSettings, setupInstallation } from "./settings";

const postgres = await postgresReachable(POSTGRES_ADMIN_URL);
const now = new Date("2026-11-03T00:00:00Z");

for (const dialect of TEST_DIALECTS) {
  const suite = dialect === "postgres" && !postgres ? describe.skip : describe;
  suite(`the actor secret [${dialect}]`, () => {
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-secret-"));
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
      fs.rmSync(tempDir, { recursive: true, force: true });
    });

    /** A migrated database that is not set up yet. */
    async function freshDatabase(): Promise<Database> {
      const store = await createDatabase(dialect, `tollgate_test_${crypto.randomBytes(6).toString("hex")}`, { tempDir, postgresAdminUrl: POSTGRES_ADMIN_URL });
      const db = openDatabase(store.url);
      cleanups.push(() => store.drop(), () => db.close());
      await migrate(db.sql);
      return db;
    }
    const secretFile = (name: string) => path.join(tempDir, `${name}.actor-secret`);
    const settingKeys = async (db: Database) => (await db.prisma.setting.findMany({ orderBy: { key: "asc" } })).map((s) => s.key);
    const storedActors = async (db: Database) => (await db.prisma.event.findMany({ where: { actor: { not: null } }, select: { actor: true } })).map((e) => e.actor).sort();

    it("keeps a new installation's secret in an owner-only file, and only its fingerprint in the database", async () => {
      const db = await freshDatabase();
      const env = dialect === "postgres" ? { TOLLGATE_ACTOR_SECRET_FILE: secretFile("fresh") } : {};
      const settings = await setupInstallation(db, { timezone: "UTC", env });
      const file = dialect === "postgres" ? secretFile("fresh") : `${db.url.slice("file:".length)}.actor-secret`;
      expect(fs.readFileSync(file, "utf8").trim()).toBe(settings.actorSecret);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(await settingKeys(db)).toEqual(["actorSecretFingerprint", "rollups.generation", "timezone"]);
      expect(JSON.stringify(await db.prisma.setting.findMany())).not.toContain(settings.actorSecret);
      await expect(readSettings(db, env)).resolves.toEqual(settings);
    });

    it("lets installations starting at the same moment agree on one secret", async () => {
      const db = await freshDatabase();
      const env = { TOLLGATE_ACTOR_SECRET_FILE: secretFile(`race-${dialect}`) };
      const others = [openDatabase(db.url), openDatabase(db.url)];
      cleanups.push(...others.map((other) => () => other.close()));
      const settings = await Promise.all([db, ...others].map((each) => setupInstallation(each, { timezone: "UTC", env })));
      expect(new Set(settings.map((s) => s.actorSecret)).size).toBe(1);
      expect(fs.readFileSync(env.TOLLGATE_ACTOR_SECRET_FILE, "utf8").trim()).toBe(settings[0]!.actorSecret);
    });

    it("refuses Postgres without a place for the secret outside the database", async () => {
      if (dialect !== "postgres") return;
      const db = await freshDatabase();
      await expect(setupInstallation(db, { timezone: "UTC", env: {} })).rejects.toThrow(/TOLLGATE_ACTOR_SECRET_FILE/);
    });

    it("moves an existing installation's secret out of the database without changing any pseudonym, and leaves no copy in it", async () => {
      const db = await freshDatabase();
      // As the older release left it: the secret in the Setting table, events pseudonymized with it.
      const legacy = crypto.randomBytes(32).toString("base64url");
      await db.sql.execute(`INSERT INTO "Setting" ("key", "value") VALUES ('timezone', 'UTC'), ('actorSecret', ?)`, [legacy]);
      await applyProgram(db, testProgram, testActor);
      const env = { TOLLGATE_ACTOR_SECRET_FILE: secretFile(`moved-${dialect}`) };
      await setupInstallation(db, { timezone: "UTC", env });
      expect(fs.readFileSync(env.TOLLGATE_ACTOR_SECRET_FILE, "utf8").trim()).toBe(legacy);
      expect(await settingKeys(db)).toEqual(["actorSecretFingerprint", "rollups.generation", "timezone"]);
      await ingestBatch(db, [anEvent("output", { actor: "ann@example.com" })], { now });
      expect(await storedActors(db)).toEqual([pseudonymizeActor("ann@example.com", legacy)]);
      if (dialect === "sqlite") {
        // Not even in a free page of the file a backup would copy.
        await db.sql.query(`PRAGMA wal_checkpoint(TRUNCATE)`);
        expect(fs.readFileSync(db.url.slice("file:".length)).includes(Buffer.from(legacy))).toBe(false);
      }
      // Setting up again changes nothing.
      await expect(setupInstallation(db, { timezone: "UTC", env })).resolves.toMatchObject({ actorSecret: legacy });
    });

    it("refuses to start without the secret, or with another one, rather than make a new one", async () => {
      const db = await freshDatabase();
      const env = { TOLLGATE_ACTOR_SECRET_FILE: secretFile(`refused-${dialect}`) };
      await setupInstallation(db, { timezone: "UTC", env });
      const original = fs.readFileSync(env.TOLLGATE_ACTOR_SECRET_FILE, "utf8");
      fs.rmSync(env.TOLLGATE_ACTOR_SECRET_FILE);
      await expect(setupInstallation(db, { timezone: "UTC", env })).rejects.toThrow(/not in .*refused.*Put the original there/s);
      expect(fs.existsSync(env.TOLLGATE_ACTOR_SECRET_FILE)).toBe(false);
      await expect(setupInstallation(db, { timezone: "UTC", env: { TOLLGATE_ACTOR_SECRET: "another secret" } })).rejects.toThrow(/not the one this database was set up with/);
      fs.writeFileSync(env.TOLLGATE_ACTOR_SECRET_FILE, original, { mode: 0o644 });
      fs.chmodSync(env.TOLLGATE_ACTOR_SECRET_FILE, 0o644);
      await expect(setupInstallation(db, { timezone: "UTC", env })).rejects.toThrow(/chmod 600/);
      fs.chmodSync(env.TOLLGATE_ACTOR_SECRET_FILE, 0o600);
      await expect(setupInstallation(db, { timezone: "UTC", env })).resolves.toMatchObject({ actorSecret: original.trim() });
    });
  });
}

describe("backup and restore leave the actor secret out [sqlite]", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-secret-backup-"));
  let source: Database;
  let secret = "";
  beforeAll(async () => {
    source = openDatabase(`file:${path.join(dir, "source.db")}`);
    await migrate(source.sql);
    secret = (await setupInstallation(source, { timezone: "UTC", env: {} })).actorSecret;
  });
  afterAll(async () => {
    await source.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("backs up no secret, and a restore says where to put it until it is there", async () => {
    const backup = path.join(dir, "backup.db");
    await backupDatabase({ url: source.url, out: backup });
    expect(fs.readFileSync(backup).includes(Buffer.from(secret))).toBe(false);

    const target = path.join(dir, "restored.db");
    const restored = await restoreDatabase({ url: `file:${target}`, from: backup });
    expect(restored.actorSecret).toEqual({ status: "missing", advice: expect.stringContaining(`${target}.actor-secret`) });
    expect(restored.actorSecret.advice).toMatch(/chmod 600.*TOLLGATE_ACTOR_SECRET/s);
    fs.writeFileSync(`${target}.actor-secret`, `${secret}\n`, { mode: 0o600 });
    const again = await restoreDatabase({ url: `file:${target}`, from: backup, force: true });
    expect(again.actorSecret.status).toBe("matches");
  });
});
