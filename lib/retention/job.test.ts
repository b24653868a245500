import { beforeAll, describe, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testActor, testProgram } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { claimRun, isRunDue, jobEnabled, runRetentionIfDue, startRetentionJob, RUN_INTERVAL_MS } from "./job";

const now = new Date("2026-11-03T04:00:00Z");

describe("the retention job's schedule", () => {
  it("is due with no run yet, a day after the last one, and when the clock went back", () => {
    expect(isRunDue(null, now)).toBe(true);
    expect(isRunDue(new Date(now.getTime() - RUN_INTERVAL_MS), now)).toBe(true);
    expect(isRunDue(new Date(now.getTime() - RUN_INTERVAL_MS + 60_000), now)).toBe(false);
    expect(isRunDue(new Date(now.getTime() - 60_000), now)).toBe(false);
    expect(isRunDue(new Date(now.getTime() + 3_600_000), now)).toBe(true);
    expect(isRunDue(new Date("not a date"), now)).toBe(true);
  });

  it("is off only with TOLLGATE_RETENTION_JOB=0", () => {
    expect(jobEnabled({})).toBe(true);
    expect(jobEnabled({ TOLLGATE_RETENTION_JOB: "1" })).toBe(true);
    expect(jobEnabled({ TOLLGATE_RETENTION_JOB: "0" })).toBe(false);
  });

  it("checks shortly after start, then at every interval, and logs a failure instead of throwing", async () => {
    vi.useFakeTimers();
    try {
      const log = vi.fn();
      const database = vi.fn(() => {
        throw new Error("database down");
      });
      const stop = startRetentionJob({ database, log, firstDelayMs: 1_000, intervalMs: 10_000 });
      expect(database).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(database).toHaveBeenCalledTimes(1);
      expect(log).toHaveBeenCalledWith(expect.stringContaining("Retention job failed"), expect.any(Error));
      await vi.advanceTimersByTimeAsync(20_000);
      expect(database).toHaveBeenCalledTimes(3);
      stop();
      await vi.advanceTimersByTimeAsync(50_000);
      expect(database).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describeEachDatabase("the retention job's claim", (database) => {
  beforeAll(async () => {
    await applyProgram(database(), testProgram, testActor);
  });

  it("lets exactly one of concurrent claimers run, then none until a day has passed", async () => {
    const claims = await Promise.all(Array.from({ length: 5 }, () => claimRun(database(), now)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimRun(database(), new Date(now.getTime() + 3_600_000))).toBe(false);
    const nextDay = new Date(now.getTime() + RUN_INTERVAL_MS);
    const next = await Promise.all([claimRun(database(), nextDay), claimRun(database(), nextDay)]);
    expect(next.filter(Boolean)).toHaveLength(1);
  });

  it("runs the retention as the system job when due", async () => {
    const at = new Date(now.getTime() + 3 * RUN_INTERVAL_MS);
    const run = await runRetentionIfDue(database(), at);
    expect(run).toMatchObject({ days: 400, total: 0 });
    expect(await runRetentionIfDue(database(), new Date(at.getTime() + 60_000))).toBeNull();
    const record = await database().prisma.auditRecord.findFirst({ where: { action: "retention.run" }, orderBy: { seq: "desc" } });
    expect(record).toMatchObject({ actorType: "system", actor: "retention" });
  });
});
