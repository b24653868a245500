import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testProgram, testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { rebuildRollups } from "@/lib/ingest/rebuildRollups";
import { setRetentionDays } from "@/lib/retention/retention";
import { runJob } from "@/lib/jobs/scheduler";
import { RETENTION_JOB } from "@/lib/retention/job";
import { SETTING_KEYS, setupInstallation, TimezoneChangedError } from "./settings";

describeEachDatabase("installation settings", (database) => {
  it("refuses a changed timezone until the rollups are rebuilt in it", async () => {
    const db = database();
    await applyProgram(db, testProgram, testActor);
    // 23:30 on Sunday in Berlin is 22:30 UTC: the same event changes day and ISO week with the zone.
    await ingestBatch(db, [anEvent("output", { occurredAt: "2026-11-29T23:30:00+01:00" })], { now: new Date("2026-12-01T00:00:00Z") });
    expect((await db.prisma.dailyRollup.findMany()).map((r) => r.day)).toEqual(["2026-11-29"]);

    const change = setupInstallation(db, { timezone: "Asia/Tokyo", actorSecret: "test-secret" });
    await expect(change).rejects.toBeInstanceOf(TimezoneChangedError);
    await expect(change).rejects.toThrow(/tollgate rollups rebuild/);

    const result = await rebuildRollups(db, "Asia/Tokyo");
    expect(result).toEqual({ events: 1, daysMoved: 1 });
    expect((await db.prisma.dailyRollup.findMany()).map((r) => r.day)).toEqual(["2026-11-30"]);
    const audit = await db.prisma.auditRecord.findFirst({ where: { action: "rollups.rebuild" } });
    expect(audit).toMatchObject({ actorType: "cli", target: "rollups" });
    expect([JSON.parse(audit!.before!), JSON.parse(audit!.after!)]).toEqual([{ timezone: "UTC" }, { timezone: "Asia/Tokyo", events: 1, daysMoved: 1 }]);
    await expect(setupInstallation(db, { timezone: "Asia/Tokyo", actorSecret: "test-secret" })).resolves.toMatchObject({ timezone: "Asia/Tokyo" });
  });

  it("refuses an actor secret that differs from the one the database was set up with", async () => {
    await expect(setupInstallation(database(), { timezone: "Asia/Tokyo", actorSecret: "another" })).rejects.toThrow(/TOLLGATE_ACTOR_SECRET/);
  });

  it("lists every key the installation, the retention settings and the program write", async () => {
    const db = database();
    await setRetentionDays(db, 30, testActor);
    await applyProgram(db, { reviewContentDays: 14 }, testActor);
    // Late enough that the event ingested above is past the 30 days: the purge sets the watermark.
    await runJob(db, RETENTION_JOB, new Date("2027-06-01T00:00:00Z"));
    const keys = (await db.prisma.setting.findMany()).map((s) => s.key).sort();
    // The legacy actor-secret key is only ever read (and emptied), from databases of older releases.
    expect(keys).toEqual(Object.values(SETTING_KEYS).filter((key) => key !== SETTING_KEYS.legacyActorSecret).sort());
  });
});
