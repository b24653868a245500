import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import { readJob } from "@/lib/db/queries/readJob";
import { setupInstallation } from "@/lib/db/settings";
import { describeEachDatabase, TEST_ACTOR_SECRET } from "@/lib/testing/databases";
import { testActor, testProgram } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { runJob, startScheduler } from "@/lib/jobs/scheduler";
import { RETENTION_JOB, retentionJobEnabled } from "./job";

const DAY = 24 * 60 * 60 * 1000;

describe("the retention job's switch", () => {
  it("is off only with TOLLGATE_RETENTION_JOB=0", () => {
    expect(retentionJobEnabled({})).toBe(true);
    expect(retentionJobEnabled({ TOLLGATE_RETENTION_JOB: "1" })).toBe(true);
    expect(retentionJobEnabled({ TOLLGATE_RETENTION_JOB: "0" })).toBe(false);
  });
});

describeEachDatabase("the daily retention job", (database) => {
  const others: Database[] = [];
  beforeAll(async () => {
    await applyProgram(database(), testProgram, testActor);
  });
  afterAll(async () => {
    for (const db of others) await db.close();
  });
  /** Another app instance on the same database. */
  const instance = async () => {
    const db = openDatabase(database().url);
    others.push(db);
    await setupInstallation(db, { timezone: "UTC", actorSecret: TEST_ACTOR_SECRET });
    return db;
  };
  const runs = async () => (await database().prisma.auditRecord.findMany({ where: { action: "retention.run" } })).length;

  it("runs once a day across two instances' schedulers checking often, as the system job", async () => {
    const instances = await Promise.all([instance(), instance()]);
    const job = { ...RETENTION_JOB, firstDelayMs: 0, checkMs: 20 };
    const stops = instances.map((db) => startScheduler({ database: () => db, jobs: [job], log: () => undefined }));
    await new Promise((resolve) => setTimeout(resolve, 600));
    stops.forEach((stop) => stop());
    expect(await runs()).toBe(1);
    const record = await database().prisma.auditRecord.findFirst({ where: { action: "retention.run" } });
    expect(record).toMatchObject({ actorType: "system", actor: "retention" });
    const state = await readJob(database().sql, RETENTION_JOB.name);
    expect(state!.nextRunAt.getTime() - state!.lastRunAt!.getTime()).toBe(DAY);
  });

  it("runs again only when a day has passed", async () => {
    const last = (await readJob(database().sql, RETENTION_JOB.name))!.lastRunAt!;
    const before = await runs();
    expect((await runJob(await instance(), RETENTION_JOB, new Date(last.getTime() + DAY - 60_000))).ran).toBe(false);
    const next = await Promise.all((await Promise.all([instance(), instance()])).map((db) => runJob(db, RETENTION_JOB, new Date(last.getTime() + DAY))));
    expect(next.filter((outcome) => outcome.ran)).toHaveLength(1);
    expect(await runs()).toBe(before + 1);
  });
});
