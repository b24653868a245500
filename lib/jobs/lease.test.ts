import { afterAll, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import { describeEachDatabase } from "@/lib/testing/databases";
import { acquireLease } from "@/lib/db/queries/acquireLease";
import { renewLease } from "@/lib/db/queries/renewLease";
import { NOT_ACQUIRED, withLease } from "./lease";

const at = (iso: string) => new Date(iso);

describeEachDatabase("leases", (database) => {
  const others: Database[] = [];
  /** Another app instance on the same database: its own connections. */
  const instance = () => {
    const db = openDatabase(database().url);
    others.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of others) await db.close();
  });

  it("go to exactly one of several instances claiming at once, and to another only once expired", async () => {
    const instances = [database(), instance(), instance()];
    const now = at("2026-11-02T10:00:00Z");
    const until = at("2026-11-02T10:01:00Z");
    const claims = await Promise.all(
      instances.flatMap((db, i) => [0, 1].map((k) => acquireLease(db.sql, "lease-race", `holder-${i}-${k}`, until, now))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = `holder-${Math.floor(claims.indexOf(true) / 2)}-${claims.indexOf(true) % 2}`;

    expect(await acquireLease(instances[1]!.sql, "lease-race", "late", at("2026-11-02T10:02:00Z"), at("2026-11-02T10:00:59Z"))).toBe(false);
    expect(await renewLease(instances[2]!.sql, "lease-race", "not-the-holder", at("2026-11-02T10:05:00Z"))).toBe(false);
    expect(await renewLease(database().sql, "lease-race", winner, at("2026-11-02T10:02:00Z"))).toBe(true);
    // Renewed: still held a minute later, taken over once the renewed end has passed (the holder died).
    expect(await acquireLease(instances[1]!.sql, "lease-race", "late", at("2026-11-02T10:03:00Z"), at("2026-11-02T10:01:30Z"))).toBe(false);
    expect(await acquireLease(instances[1]!.sql, "lease-race", "late", at("2026-11-02T10:03:00Z"), at("2026-11-02T10:02:00Z"))).toBe(true);
    expect(await renewLease(database().sql, "lease-race", winner, at("2026-11-02T10:04:00Z"))).toBe(false);
  });

  it("run the work of only one of two calls in one process, and free the lease after it", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const runs: string[] = [];
    const first = withLease(database(), "lease-work", { ttlMs: 60_000 }, async () => {
      runs.push("first");
      await gate;
      return "done";
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await withLease(database(), "lease-work", { ttlMs: 60_000 }, async () => runs.push("second"));
    expect(second).toBe(NOT_ACQUIRED);
    release();
    expect(await first).toBe("done");
    expect(await withLease(instance(), "lease-work", { ttlMs: 60_000 }, async () => "third")).toBe("third");
    expect(runs).toEqual(["first"]);
  });

  it("is given up when the work throws", async () => {
    await expect(withLease(database(), "lease-throw", { ttlMs: 60_000 }, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await withLease(database(), "lease-throw", { ttlMs: 60_000 }, async () => "again")).toBe("again");
  });

  it("is renewed while long work runs", async () => {
    let lost = false;
    const result = await withLease(database(), "lease-long", { ttlMs: 300, onLost: () => (lost = true) }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 900));
      // Three lease lengths later the lease is still this holder's: the heartbeat renewed it.
      return acquireLease(instance().sql, "lease-long", "intruder", new Date(Date.now() + 1000), new Date());
    });
    expect(result).toBe(false);
    expect(lost).toBe(false);
  });
});
