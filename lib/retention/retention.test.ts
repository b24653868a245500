import { beforeAll, expect, it, vi } from "vitest";
import { describeEachDatabase, TEST_ACTOR_SECRET } from "@/lib/testing/databases";
import { setupInstallation } from "@/lib/db/settings";
import { anEvent, testActor, testProgram } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { InvalidParameterError } from "@/lib/errors";
import { openDatabase } from "@/lib/db/database";
import { liftLegalHold, placeLegalHold, retentionStatus, runRetention, setRetentionDays, DEFAULT_RETENTION_DAYS } from "./retention";
import { readWatermark } from "@/lib/db/watermark";
import { PurgedEventsError, rebuildRollups } from "@/lib/ingest/rebuildRollups";
import { consumeSignInLink, createSignInLink, createUser } from "@/lib/auth/users";
import { createSession, sha256 } from "@/lib/auth/sessions";
import { admitPasswordAttempt } from "@/lib/auth/throttle";

const ROLLUP_TABLES = ["DailyRollup", "CategoryRollup", "DurationRollup", "DurationWeek", "ManualBaseline", "Task", "TaskDay", "ActorDay", "ActorWeek"];

const now = new Date("2026-11-03T00:00:00Z");
const cutoff = new Date("2026-10-04T00:00:00Z"); // now − 30 days
const later = new Date("2026-12-01T00:00:00Z");
const laterCutoff = new Date("2026-11-01T00:00:00Z"); // later − 30 days

describeEachDatabase("retention", (database, dialect) => {
  const tt = { workflow: "ticket-triage", cohort: "support-pilot" };
  const crm = { workflow: "crm-enrichment", cohort: "sales-pilot" };
  const ttOld = [
    anEvent("output", { ...tt, taskId: "A", actor: "u1", occurredAt: "2026-09-01T09:00:00Z" }),
    anEvent("review", { ...tt, taskId: "A", actor: "u1", verdict: "heavy_edit", errorCategory: "wrong_data_source", occurredAt: "2026-09-01T10:00:00Z" }),
    anEvent("escalation", { ...tt, taskId: "A", occurredAt: "2026-09-02T10:00:00Z" }),
    anEvent("completion", { ...tt, taskId: "A", mode: "manual", durationMs: 50_000, occurredAt: "2026-09-03T10:00:00Z" }),
    anEvent("incident", { ...tt, cohort: "sales-pilot", occurredAt: "2026-09-15T10:00:00Z" }),
    anEvent("output", { ...tt, cohort: "sales-pilot", taskId: "B", actor: "u2", occurredAt: "2026-09-20T10:00:00Z" }),
    anEvent("completion", { ...tt, cohort: "sales-pilot", taskId: "B", occurredAt: "2026-09-21T10:00:00Z" }),
    // One millisecond before the cutoff: purged.
    anEvent("review", { ...tt, taskId: "C", occurredAt: "2026-10-03T23:59:59.999Z" }),
  ];
  const ttKept = [
    // Exactly at the cutoff: not older, kept.
    anEvent("output", { ...tt, taskId: "D", occurredAt: "2026-10-04T00:00:00Z" }),
    anEvent("output", { ...tt, taskId: "E", actor: "u1", occurredAt: "2026-10-20T10:00:00Z" }),
    anEvent("review", { ...tt, taskId: "E", occurredAt: "2026-10-20T11:00:00Z" }),
    anEvent("completion", { ...tt, taskId: "E", occurredAt: "2026-10-21T11:00:00Z" }),
  ];
  const crmOld = [
    // The id of a purged ticket-triage event: another event, in a held workflow, that the purge must not touch.
    anEvent("output", { ...crm, id: ttOld[0]!.id, taskId: "X", occurredAt: "2026-08-01T10:00:00Z" }),
    anEvent("review", { ...crm, taskId: "X", verdict: "rejected", occurredAt: "2026-08-01T11:00:00Z" }),
    anEvent("completion", { ...crm, taskId: "X", mode: "manual", durationMs: 90_000, occurredAt: "2026-08-02T11:00:00Z" }),
    anEvent("escalation", { ...crm, taskId: "Y", occurredAt: "2026-09-30T11:00:00Z" }),
  ];
  const ttRecent = Array.from({ length: 10 }, (_, i) => anEvent("output", { ...tt, taskId: `R${i}`, occurredAt: `2026-10-25T10:${String(i).padStart(2, "0")}:00Z` }));

  /** Every rollup table, canonically ordered: what the dashboards read. */
  async function rollupState(): Promise<Record<string, string[]>> {
    const state: Record<string, string[]> = {};
    for (const table of ROLLUP_TABLES) {
      const rows = await database().sql.query(`SELECT * FROM "${table}"`);
      state[table] = rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
    }
    return state;
  }

  async function storedIds(): Promise<string[]> {
    return (await database().prisma.event.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((e) => e.id);
  }

  const idsOf = (events: { id: string }[]) => events.map((e) => e.id).sort();

  async function lastRunRecord() {
    const record = await database().prisma.auditRecord.findFirst({ where: { action: "retention.run" }, orderBy: { seq: "desc" } });
    return { ...record!, after: JSON.parse(record!.after!) as Record<string, unknown> };
  }

  beforeAll(async () => {
    await applyProgram(database(), testProgram, testActor);
    const result = await ingestBatch(database(), [...ttOld, ...ttKept, ...crmOld], { now });
    expect(result).toMatchObject({ accepted: ttOld.length + ttKept.length + crmOld.length, duplicates: 0, rejected: [] });
  });

  it("leaves the watermark alone when nothing is past the period, so rollups can still be rebuilt", async () => {
    const before = await rollupState();
    const run = await runRetention(database(), testActor, { now });
    expect(run).toMatchObject({ days: DEFAULT_RETENTION_DAYS, watermark: null, deleted: {}, total: 0 });
    expect(await readWatermark(database().sql)).toBeNull();
    await rebuildRollups(database(), "UTC");
    expect(await rollupState()).toEqual(before);
  });

  it("defaults to 400 days; a change is audited with before and after", async () => {
    expect((await retentionStatus(database())).days).toBe(DEFAULT_RETENTION_DAYS);
    expect(await setRetentionDays(database(), 30, testActor)).toEqual({ days: 30 });
    const record = await database().prisma.auditRecord.findFirst({ where: { action: "retention.update" }, orderBy: { seq: "desc" } });
    expect(record).toMatchObject({ actorType: "cli", actor: "test", before: JSON.stringify({ days: 400 }), after: JSON.stringify({ days: 30 }) });
    expect((await retentionStatus(database())).days).toBe(30);
  });

  it("places and lifts legal holds, audited, and refuses an unknown workflow", async () => {
    await expect(placeLegalHold(database(), "no-such-workflow", "litigation", testActor)).rejects.toBeInstanceOf(InvalidParameterError);
    await placeLegalHold(database(), "ticket-triage", "first", testActor);
    expect(await liftLegalHold(database(), "ticket-triage", testActor)).toEqual({ workflow: "ticket-triage", lifted: true });
    expect(await liftLegalHold(database(), "ticket-triage", testActor)).toEqual({ workflow: "ticket-triage", lifted: false });
    const hold = await placeLegalHold(database(), "crm-enrichment", "Case 2026-17: preserve CRM agent records", testActor);
    expect(hold).toMatchObject({ workflow: "crm-enrichment", placedBy: "cli:test" });
    const actions = await database().prisma.auditRecord.findMany({ where: { action: { startsWith: "legal_hold." } }, orderBy: { seq: "asc" } });
    expect(actions.map((a) => [a.action, a.target])).toEqual([
      ["legal_hold.place", "ticket-triage"],
      ["legal_hold.lift", "ticket-triage"],
      ["legal_hold.place", "crm-enrichment"],
    ]);
    expect((await retentionStatus(database())).holds).toEqual([
      { workflow: "crm-enrichment", reason: "Case 2026-17: preserve CRM agent records", placedBy: "cli:test", placedAt: expect.any(Date) },
    ]);
  });

  it("deletes exactly the events older than the cutoff outside held workflows, in batches, and leaves every rollup as it was", async () => {
    const before = await rollupState();
    const progress: [number, number][] = [];
    const run = await runRetention(database(), testActor, { now, batchSize: 3, onProgress: (done, total) => progress.push([done, total]) });
    expect(run).toMatchObject({ days: 30, cutoff, watermark: cutoff, deleted: { "ticket-triage": ttOld.length }, held: ["crm-enrichment"], total: ttOld.length });
    expect(await storedIds()).toEqual(idsOf([...ttKept, ...crmOld]));
    expect(await rollupState()).toEqual(before);
    // The purged events' counts now live only in the rollups: a rebuild from raw events is refused.
    await expect(rebuildRollups(database(), "UTC")).rejects.toThrow(PurgedEventsError);
    expect(await rollupState()).toEqual(before);
    expect(progress[0]).toEqual([0, ttOld.length]);
    expect(progress.at(-1)).toEqual([ttOld.length, ttOld.length]);

    const record = await lastRunRecord();
    expect(record).toMatchObject({ actorType: "cli", actor: "test", target: "events" });
    expect(record.after).toEqual({
      cutoff: cutoff.toISOString(),
      days: 30,
      watermark: cutoff.toISOString(),
      deleted: { "ticket-triage": ttOld.length },
      held: ["crm-enrichment"],
      total: ttOld.length,
      expiredCredentials: 0,
      idleThrottles: 0,
    });
    expect((await retentionStatus(database())).lastRun).toEqual({ at: now, actor: "cli:test", total: ttOld.length });
  });

  it("refuses a re-sent purged event (and any event before the watermark) per item; counts do not change", async () => {
    const before = await rollupState();
    const fresh = anEvent("output", { ...tt, taskId: "F", occurredAt: "2026-10-26T10:00:00Z" });
    const neverSeen = anEvent("output", { ...tt, occurredAt: "2026-09-10T10:00:00Z" });
    const result = await ingestBatch(database(), [ttOld[1], fresh, ttOld[0], neverSeen, crmOld[0], ttOld[1]], { now });
    const message = `events before ${cutoff.toISOString()} are past the retention period and cannot be counted again`;
    expect(result).toEqual({
      accepted: 1,
      duplicates: 1,
      rejected: [
        { index: 0, id: ttOld[1]!.id, errors: [{ path: "events[0].occurredAt", message }] },
        { index: 2, id: ttOld[0]!.id, errors: [{ path: "events[2].occurredAt", message }] },
        { index: 3, id: neverSeen.id, errors: [{ path: "events[3].occurredAt", message }] },
        { index: 4, id: crmOld[0]!.id, errors: [{ path: "events[4].occurredAt", message }] },
      ],
      stored: [1],
    });
    expect(await storedIds()).toEqual(idsOf([...ttKept, ...crmOld, fresh]));
    // Only the fresh event counted: every figure of the purged days is as it was.
    const after = await rollupState();
    const otherDays = (rows: string[]) => rows.filter((row) => !row.includes('"day":"2026-10-26"'));
    expect(otherDays(after.DailyRollup!)).toEqual(otherDays(before.DailyRollup!));
    expect(after.DailyRollup!.length).toBe(before.DailyRollup!.length + 1);
    expect(after.CategoryRollup).toEqual(before.CategoryRollup);
    expect(after.ManualBaseline).toEqual(before.ManualBaseline);
    expect(after.Task!.length).toBe(before.Task!.length + 1);
  });

  it("purges a workflow once its hold is lifted, every batch, and never moves the watermark back", async () => {
    expect((await ingestBatch(database(), ttRecent, { now: later })).accepted).toBe(ttRecent.length);
    await liftLegalHold(database(), "crm-enrichment", testActor);
    const before = await rollupState();
    const run = await runRetention(database(), testActor, { now: later, batchSize: 3 });
    const ttPurged = ttKept.length + ttRecent.length + 1; // with the fresh event of the previous test
    expect(run).toMatchObject({ cutoff: laterCutoff, watermark: laterCutoff, held: [], deleted: { "ticket-triage": ttPurged, "crm-enrichment": crmOld.length } });
    expect(run.total).toBe(ttPurged + crmOld.length);
    expect(await storedIds()).toEqual([]);
    expect(await rollupState()).toEqual(before);

    // A longer period moves the cutoff back, but not the watermark; the run finds nothing more to delete.
    await setRetentionDays(database(), 400, testActor);
    const again = await runRetention(database(), testActor, { now: later });
    expect(again).toMatchObject({ days: 400, watermark: laterCutoff, total: 0, deleted: {} });
    expect(await readWatermark(database().sql)).toEqual(laterCutoff);
    expect((await lastRunRecord()).after).toMatchObject({ watermark: laterCutoff.toISOString(), total: 0 });
    // Events after the watermark are still accepted.
    expect((await ingestBatch(database(), [anEvent("output", { ...tt, occurredAt: "2026-11-20T10:00:00Z" })], { now: later })).accepted).toBe(1);
  });

  it("never stores a re-sent event a concurrent purge deletes, even from another process", async () => {
    const recent = Array.from({ length: 120 }, (_, i) =>
      anEvent(i % 2 ? "review" : "output", { ...tt, taskId: `P${i % 40}`, actor: `u${i % 7}`, occurredAt: new Date(Date.UTC(2026, 10, 21, 0, i)).toISOString() }),
    );
    const stamp = new Date("2027-01-01T00:00:00Z");
    expect((await ingestBatch(database(), recent, { now: stamp })).accepted).toBe(recent.length);
    await setRetentionDays(database(), 30, testActor);
    const before = await rollupState();
    // Postgres: another pool, as another server would have. SQLite: one process has one write connection (a second
    // one in the same thread would wait synchronously for the first); other processes are serialized by its lock.
    const other = dialect === "postgres" ? openDatabase(database().url) : database();
    // As another server starts: set up with the installation's secret (kept outside the database).
    if (other !== database()) await setupInstallation(other, { timezone: "UTC", actorSecret: TEST_ACTOR_SECRET });
    try {
      let purging = true;
      const resend = (async () => {
        let rounds = 0;
        while (purging || rounds < 2) {
          for (let i = 0; i < recent.length; i += 20) {
            const result = await ingestBatch(other, recent.slice(i, i + 20), { now: stamp });
            expect(result.accepted).toBe(0);
            // SQLite answers without I/O: yield to the event loop, as requests arriving over the network do.
            await new Promise((resolve) => setImmediate(resolve));
          }
          rounds += 1;
        }
      })();
      const run = await runRetention(database(), testActor, { now: stamp, batchSize: 7 }).finally(() => (purging = false));
      await resend;
      expect(run.deleted["ticket-triage"]).toBe(recent.length + 1);
    } finally {
      if (other !== database()) await other.close();
    }
    expect(await storedIds()).toEqual([]);
    expect(await rollupState()).toEqual(before);
  });

  it("removes ended sessions, spent or expired sign-in links and forgotten throttle counts, and keeps the live ones", async () => {
    const db = database();
    const user = await createUser(db, { email: "retention@example.com", roles: ["viewer"] }, testActor);
    const at = new Date("2027-01-10T12:00:00Z");
    const live = await createSession(db, user.id, "password", new Date(at.getTime() - 60_000));
    await createSession(db, user.id, "password", new Date(at.getTime() - 40 * 60_000)); // idle past 30 minutes
    const liveLink = await createSignInLink(db, user.id, testActor, new Date(at.getTime() - 60_000));
    const usedLink = await createSignInLink(db, user.id, testActor, new Date(at.getTime() - 60_000));
    await consumeSignInLink(db, usedLink.token, new Date(at.getTime() - 30_000));
    await createSignInLink(db, user.id, testActor, new Date(at.getTime() - 25 * 60 * 60_000)); // expired
    await admitPasswordAttempt(db, "retention@example.com", "192.0.2.1", new Date(at.getTime() - 25 * 60 * 60_000)); // forgotten
    await admitPasswordAttempt(db, "retention@example.com", "192.0.2.2", new Date(at.getTime() - 60_000));
    const run = await runRetention(db, testActor, { now: at });
    expect(run.expiredCredentials).toBe(3);
    expect(run.idleThrottles).toBe(2);
    expect(await db.prisma.throttle.count()).toBe(2);
    expect((await db.prisma.session.findMany()).map((row) => row.id)).toEqual([sha256(live.token)]);
    expect((await db.prisma.signInToken.findMany()).map((row) => row.id)).toEqual([sha256(liveLink.token)]);
  });

  it("records a run that fails half-way, with what it deleted, before the error goes on", async () => {
    const db = database();
    const due = anEvent("output", { ...tt, taskId: "F", occurredAt: "2026-12-15T10:00:00Z" });
    expect((await ingestBatch(db, [due], { now: new Date("2026-12-16T00:00:00Z") })).accepted).toBe(1);
    const transaction = db.sql.transaction.bind(db.sql);
    let calls = 0;
    // The first transaction commits the watermark; the first delete batch fails.
    const spy = vi.spyOn(db.sql, "transaction").mockImplementation((fn) => (++calls === 2 ? Promise.reject(new Error("disk full")) : transaction(fn)));
    try {
      await expect(runRetention(db, testActor, { now: new Date("2027-03-01T00:00:00Z") })).rejects.toThrow("disk full");
    } finally {
      spy.mockRestore();
    }
    const record = await lastRunRecord();
    expect(record.after).toMatchObject({ failed: "disk full", total: 0, deleted: {} });
  });

  it("commits a retention.start record with the watermark, so a run killed between batches still leaves a trace", async () => {
    const db = database();
    // Due: this event and the one the half-way failure above left.
    const due = anEvent("output", { ...tt, taskId: "K", occurredAt: "2027-02-15T10:00:00Z" });
    expect((await ingestBatch(db, [due], { now: new Date("2027-02-16T00:00:00Z") })).accepted).toBe(1);
    const runsBefore = await db.prisma.auditRecord.count({ where: { action: "retention.run" } });
    const transaction = db.sql.transaction.bind(db.sql);
    // A process that dies after the first batch that deletes: the batch commits, and nothing of the run's own code runs after it.
    const killed = new Error("SIGKILL");
    const spy = vi.spyOn(db.sql, "transaction").mockImplementation(async (fn) => {
      const result = await transaction(fn);
      if (typeof result === "number" && result > 0) throw killed;
      return result;
    });
    const appendAfterKill = vi.spyOn(db.prisma.auditRecord, "create").mockRejectedValue(killed);
    try {
      await expect(runRetention(db, testActor, { now: new Date("2027-04-01T00:00:00Z") })).rejects.toThrow("SIGKILL");
    } finally {
      spy.mockRestore();
      appendAfterKill.mockRestore();
    }
    expect(await db.prisma.event.count({ where: { taskId: "K" } })).toBe(0);
    expect(await db.prisma.auditRecord.count({ where: { action: "retention.run" } })).toBe(runsBefore);
    const start = await db.prisma.auditRecord.findFirst({ where: { action: "retention.start" }, orderBy: { seq: "desc" } });
    expect(start).toMatchObject({ actorType: "cli", actor: "test", target: "events" });
    expect(JSON.parse(start!.after!)).toEqual({ cutoff: "2027-03-02T00:00:00.000Z", days: 30, due: 2, held: [] });
    expect(start!.at).toEqual(new Date("2027-04-01T00:00:00Z"));
  });

  it("keeps every retention.run record: the audit trail refuses updates and deletes", async () => {
    const runs = await database().prisma.auditRecord.count({ where: { action: "retention.run" } });
    expect(runs).toBe(7);
    await expect(database().sql.execute(`DELETE FROM "AuditRecord" WHERE "action" = ?`, ["retention.run"])).rejects.toThrow();
  });
});
