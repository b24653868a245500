import { afterAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import { describeEachDatabase } from "@/lib/testing/databases";
import { readJob } from "@/lib/db/queries/readJob";
import { isDue, runJob, startScheduler, type Job } from "./scheduler";

const MINUTE = 60_000;

describe("a shared job's schedule", () => {
  const now = new Date("2026-11-02T10:00:00Z");
  it("is due before its first run, once its time has come, and when the clock went back", () => {
    expect(isDue(null, 15 * MINUTE, now)).toBe(true);
    expect(isDue(new Date(now.getTime() - 1), 15 * MINUTE, now)).toBe(true);
    expect(isDue(now, 15 * MINUTE, now)).toBe(true);
    expect(isDue(new Date(now.getTime() + 5 * MINUTE), 15 * MINUTE, now)).toBe(false);
    expect(isDue(new Date(now.getTime() + 16 * MINUTE), 15 * MINUTE, now)).toBe(true);
  });
});

describe("the scheduler", () => {
  it("looks first after its delay, then at every check, and logs a failed run instead of throwing", async () => {
    vi.useFakeTimers();
    try {
      const log = vi.fn();
      const run = vi.fn(async () => {
        throw new Error("receiver down");
      });
      const job: Job = { name: "each", checkMs: 10_000, firstDelayMs: 1_000, run };
      const stop = startScheduler({ database: () => ({}) as Database, jobs: [job], log });
      expect(run).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(run).toHaveBeenCalledTimes(1);
      expect(log).toHaveBeenCalledWith(expect.stringContaining("The each job failed"), expect.any(Error));
      await vi.advanceTimersByTimeAsync(20_000);
      expect(run).toHaveBeenCalledTimes(3);
      stop();
      await vi.advanceTimersByTimeAsync(50_000);
      expect(run).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("never overlaps two runs of one job in one process", async () => {
    vi.useFakeTimers();
    try {
      let active = 0;
      let most = 0;
      const run = vi.fn(async () => {
        most = Math.max(most, ++active);
        await new Promise((resolve) => setTimeout(resolve, 25_000));
        active--;
        return null;
      });
      const stop = startScheduler({ database: () => ({}) as Database, jobs: [{ name: "slow", checkMs: 10_000, firstDelayMs: 0, run }], log: vi.fn() });
      await vi.advanceTimersByTimeAsync(60_000);
      stop();
      expect(most).toBe(1);
      expect(run.mock.calls.length).toBeGreaterThanOrEqual(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describeEachDatabase("shared jobs", (database) => {
  const others: Database[] = [];
  afterAll(async () => {
    for (const db of others) await db.close();
  });
  const instance = () => {
    const db = openDatabase(database().url);
    others.push(db);
    return db;
  };

  it("run once per interval across instances, and record when they are next due", async () => {
    const now = new Date("2026-11-02T10:00:00Z");
    let runs = 0;
    const job: Job = {
      name: "evaluate-once",
      everyMs: 15 * MINUTE,
      checkMs: MINUTE,
      firstDelayMs: 0,
      run: async () => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 30));
        return "ran";
      },
    };
    const instances = [database(), instance(), instance()];
    const outcomes = await Promise.all(instances.flatMap((db) => [runJob(db, job, now), runJob(db, job, now)]));
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(runs).toBe(1);
    expect(await readJob(database().sql, job.name)).toEqual({ nextRunAt: new Date(now.getTime() + 15 * MINUTE), lastRunAt: now, lastError: null });

    expect((await runJob(instances[1]!, job, new Date(now.getTime() + 14 * MINUTE))).ran).toBe(false);
    expect((await runJob(instances[2]!, job, new Date(now.getTime() + 15 * MINUTE))).ran).toBe(true);
    expect(runs).toBe(2);
  });

  it("record a failed run's error and retry at the next interval", async () => {
    const now = new Date("2026-11-02T10:00:00Z");
    const job: Job = { name: "fails", everyMs: 15 * MINUTE, checkMs: MINUTE, firstDelayMs: 0, run: async () => Promise.reject(new Error("scorecard broke")) };
    await expect(runJob(database(), job, now)).rejects.toThrow("scorecard broke");
    expect(await readJob(database().sql, "fails")).toMatchObject({ lastError: "scorecard broke", nextRunAt: new Date(now.getTime() + 15 * MINUTE) });
    expect((await runJob(database(), job, new Date(now.getTime() + MINUTE))).ran).toBe(false);
  });
});
