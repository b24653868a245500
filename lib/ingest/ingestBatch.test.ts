import { beforeAll, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testProgram, testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "./ingestBatch";

const now = new Date("2026-11-03T00:00:00Z");

describeEachDatabase("ingestBatch", (database, dialect) => {
  beforeAll(async () => {
    await applyProgram(database(), testProgram, testActor);
  });

  /** TaskDay (kept by triggers) must equal counting Task rows by start day. */
  async function expectTaskDaysMatchTasks() {
    const tasks = await database().prisma.task.findMany();
    const expected = new Map<string, [number, number]>();
    for (const t of tasks) {
      const key = [t.workflow, t.cohort, t.startDay, t.agentVersion].join("/");
      const [n, escalated] = expected.get(key) ?? [0, 0];
      expected.set(key, [n + 1, escalated + (t.escalations > 0 ? 1 : 0)]);
    }
    const days = await database().prisma.taskDay.findMany({ where: { tasks: { gt: 0 } } });
    expect(new Map(days.map((d) => [[d.workflow, d.cohort, d.day, d.agentVersion].join("/"), [d.tasks, d.escalatedTasks]]))).toEqual(expected);
    expect(await database().prisma.taskDay.count({ where: { OR: [{ tasks: { lt: 0 } }, { escalatedTasks: { lt: 0 } }] } })).toBe(0);
  }

  async function eventCount(ids: string[]) {
    return database().prisma.event.count({ where: { id: { in: ids } } });
  }

  it("stores valid events and adds them to the rollups", async () => {
    const cohort = { cohort: "sales-pilot", workflow: "crm-enrichment" };
    const events = [
      anEvent("output", { ...cohort, taskId: "A" }),
      anEvent("review", { ...cohort, verdict: "heavy_edit", errorCategory: "wrong_data_source" }),
      anEvent("escalation", { ...cohort, taskId: "A" }),
      anEvent("completion", { ...cohort, mode: "manual", durationMs: 1000 }),
      anEvent("incident", { ...cohort, category: "permission_failure", severity: 1 }),
    ];
    expect(await ingestBatch(database(), events, { now })).toEqual({ accepted: 5, duplicates: 0, rejected: [], stored: [0, 1, 2, 3, 4] });
    const rollup = await database().prisma.dailyRollup.findMany({ where: cohort });
    expect(rollup).toMatchObject([{ day: "2026-11-02", outputs: 1, reviews: 1, heavyEdits: 1, escalations: 1, manualCompletions: 1, incidents: 1 }]);
    const categories = await database().prisma.categoryRollup.findMany({ where: cohort, orderBy: { source: "asc" } });
    expect(categories.map((c) => [c.source, c.category, c.severity, c.count])).toEqual([
      ["incident", "permission_failure", 1, 1],
      ["review", "wrong_data_source", 0, 1],
    ]);
    expect(await database().prisma.task.findMany({ where: cohort })).toMatchObject([{ taskId: "A", escalations: 1 }]);
  });

  it("stores with every event of a batch the time it was received and the key that sent it", async () => {
    const events = [anEvent("output"), anEvent("review")];
    await ingestBatch(database(), events, { now, apiKeyId: "key-sender" });
    const stored = await database().prisma.event.findMany({ where: { id: { in: events.map((e) => e.id) } }, select: { receivedAt: true, apiKeyId: true } });
    expect(stored).toEqual([
      { receivedAt: now, apiKeyId: "key-sender" },
      { receivedAt: now, apiKeyId: "key-sender" },
    ]);
  });

  it("acknowledges a repeated id as a duplicate and stores it once, within and across batches", async () => {
    const a = anEvent("review", { verdict: "rejected" });
    const b = anEvent("review", { verdict: "rejected" });
    // stored names the items that were new: the first of a repeated id, never a duplicate or a rejected item.
    expect(await ingestBatch(database(), [a, { ...b, verdict: "nope" }, a, b], { now })).toMatchObject({ accepted: 2, duplicates: 1, rejected: [{ index: 1 }], stored: [0, 3] });
    expect(await ingestBatch(database(), [a, b], { now })).toMatchObject({ accepted: 0, duplicates: 2, stored: [] });
    // The same id with other content is still the same event.
    expect(await ingestBatch(database(), [{ ...a, verdict: "accepted" }], { now })).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await eventCount([a.id, b.id])).toBe(2);
  });

  it("identifies an event by its workflow and id: the same id in another workflow is another event, counted there", async () => {
    const id = "shared-id-1";
    const inTicket = anEvent("output", { id, taskId: "SHARED", workflow: "ticket-triage", cohort: "sales-pilot" });
    const inCrm = anEvent("output", { id, taskId: "SHARED", workflow: "crm-enrichment", cohort: "sales-pilot" });
    expect(await ingestBatch(database(), [inTicket, inCrm, inCrm], { now })).toEqual({ accepted: 2, duplicates: 1, rejected: [], stored: [0, 1] });
    expect(await ingestBatch(database(), [inCrm, inTicket], { now })).toEqual({ accepted: 0, duplicates: 2, rejected: [], stored: [] });
    const stored = await database().prisma.event.findMany({ where: { id }, select: { workflow: true }, orderBy: { workflow: "asc" } });
    expect(stored.map((e) => e.workflow)).toEqual(["crm-enrichment", "ticket-triage"]);
    for (const workflow of ["crm-enrichment", "ticket-triage"]) {
      expect(await database().prisma.task.count({ where: { workflow, taskId: "SHARED" } })).toBe(1);
    }
  });

  it("stores each id once under concurrent overlapping batches, and counts it once in the rollups", async () => {
    const workflow = "crm-enrichment";
    const cohort = "support-pilot";
    const events = Array.from({ length: 300 }, (_, i) =>
      i % 2
        ? anEvent("review", { workflow, cohort, taskId: `C-${i % 40}` })
        : anEvent("output", { workflow, cohort, taskId: `C-${i % 40}`, outputKind: "action" }),
    );
    // Eight clients send overlapping slices of the same events at once.
    const slices = Array.from({ length: 8 }, (_, c) => events.slice((c * 30) % 200, ((c * 30) % 200) + 120));
    const results = await Promise.all(slices.map((slice) => ingestBatch(database(), slice, { now })));
    const sent = new Set(slices.flat().map((e) => e.id));
    expect(results.reduce((sum, r) => sum + r.accepted, 0)).toBe(sent.size);
    expect(results.reduce((sum, r) => sum + r.accepted + r.duplicates, 0)).toBe(slices.flat().length);
    expect(await eventCount([...sent])).toBe(sent.size);
    const totals = await database().prisma.dailyRollup.aggregate({ where: { workflow, cohort }, _sum: { outputs: true, reviews: true } });
    const sentEvents = events.filter((e) => sent.has(e.id));
    expect(totals._sum.outputs).toBe(sentEvents.filter((e) => e.type === "output").length);
    expect(totals._sum.reviews).toBe(sentEvents.filter((e) => e.type === "review").length);
    expect(await database().prisma.task.count({ where: { workflow, cohort } })).toBe(
      new Set(sentEvents.filter((e) => e.type === "output").map((e) => e.taskId)).size,
    );
    await expectTaskDaysMatchTasks();
  });

  /** Counts the group transactions: how many ran, and the most in flight at once. */
  function watchTransactions() {
    const sql = database().sql;
    const transaction = sql.transaction.bind(sql);
    const seen = { open: 0, most: 0, started: 0 };
    const watch = vi.spyOn(sql, "transaction").mockImplementation((async (fn: Parameters<typeof transaction>[0]) => {
      seen.started += 1;
      seen.most = Math.max(seen.most, ++seen.open);
      try {
        return await transaction(fn);
      } finally {
        seen.open -= 1;
      }
    }) as typeof transaction);
    return { seen, restore: () => watch.mockRestore() };
  }

  it("runs as many group transactions at once as the driver allows (one on SQLite, several on Postgres), no more", async () => {
    // One batch first, so the registry keys are cached and the batches below reach group commit when sent.
    await ingestBatch(database(), [anEvent("output")], { now });
    const { seen, restore } = watchTransactions();
    try {
      // One batch per turn of the event loop, each arriving while the groups before it are still committing.
      const batches = Array.from({ length: 12 }, () => [anEvent("output"), anEvent("review")]);
      const pending: Promise<{ accepted: number }>[] = [];
      for (const batch of batches) {
        pending.push(ingestBatch(database(), batch, { now }));
        await new Promise((resolve) => setImmediate(resolve));
      }
      const results = await Promise.all(pending);
      expect(results.map((r) => r.accepted)).toEqual(batches.map(() => 2));
      expect(await eventCount(batches.flat().map((e) => e.id))).toBe(24);
      expect(seen.most).toBe(database().sql.parallelWrites);
      expect(database().sql.parallelWrites).toBe(dialect === "postgres" ? 4 : 1);
    } finally {
      restore();
    }
  });

  it("commits the batches that arrive in the same turn of the event loop in one transaction", async () => {
    await ingestBatch(database(), [anEvent("output")], { now });
    const { seen, restore } = watchTransactions();
    try {
      const batches = Array.from({ length: 6 }, () => [anEvent("output"), anEvent("review")]);
      const results = await Promise.all(batches.map((batch) => ingestBatch(database(), batch, { now })));
      expect(results.map((r) => r.accepted)).toEqual(batches.map(() => 2));
      expect(seen.started).toBe(1);
    } finally {
      restore();
    }
  });

  it("stores the valid items of a batch and rejects the rest with their index, id and field paths", async () => {
    const good = anEvent("output");
    const bad = anEvent("review", { verdict: "meh" });
    const result = await ingestBatch(database(), [bad, good, 42], { now });
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([
      { index: 0, id: bad.id, errors: [{ path: "events[0].verdict", message: expect.any(String) }] },
      { index: 2, id: null, errors: [expect.objectContaining({ path: "events[2]" })] },
    ]);
    expect(await eventCount([good.id, bad.id])).toBe(1);
  });

  it("rejects text the database cannot store exactly instead of failing the batch or merging distinct ids", async () => {
    // Postgres refuses NUL in text (the batch failed with a 500); both databases store a lone surrogate as U+FFFD,
    // so two distinct ids became one and the second event was dropped as a "duplicate".
    const good = anEvent("output");
    const items = [
      anEvent("output", { id: "lone-\ud800" }),
      anEvent("output", { id: "lone-\ud801" }),
      anEvent("escalation", { reason: "nul\u0000" }),
      anEvent("output", { properties: JSON.parse('{"__proto__": {"admin": true}}') }),
      good,
    ];
    const result = await ingestBatch(database(), items, { now });
    expect(result).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(result.rejected.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(await database().prisma.event.count({ where: { id: { startsWith: "lone-" } } })).toBe(0);
    expect(await eventCount([good.id])).toBe(1);
  });

  it("accepts events for a workflow registered after earlier batches were ingested", async () => {
    await ingestBatch(database(), [anEvent("output")], { now });
    await applyProgram(database(), {
      workflows: [{ ...testProgram.workflows![0]!, key: "late-flow", name: "Registered later" }],
    }, testActor);
    expect(await ingestBatch(database(), [anEvent("output", { workflow: "late-flow" })], { now })).toMatchObject({ accepted: 1, rejected: [] });
  });

  it("never stores the raw actor", async () => {
    const actor = "carol.raw-actor@example.com";
    await ingestBatch(database(), [anEvent("output", { actor }), anEvent("review", { actor })], { now });
    for (const table of ["Event", "ActorDay", "Task", "DailyRollup"]) {
      const rows = await database().sql.query(`SELECT * FROM "${table}"`);
      expect(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("carol");
    }
    expect(await database().prisma.actorDay.count()).toBeGreaterThan(0);
  });

  it("moves a task's start to the earliest of its output and escalation events, whatever order they arrive in", async () => {
    const task = { taskId: "LATE-1", cohort: "sales-pilot" };
    await ingestBatch(database(), [anEvent("output", { ...task, occurredAt: "2026-11-02T10:00:00Z", agentVersion: "2.0" })], { now });
    await ingestBatch(database(), [anEvent("escalation", { ...task, occurredAt: "2026-10-30T10:00:00Z", agentVersion: "1.9" })], { now });
    const stored = await database().prisma.task.findMany({ where: task });
    expect(stored).toMatchObject([{ startDay: "2026-10-30", agentVersion: "1.9", escalations: 1 }]);
    await ingestBatch(database(), [anEvent("escalation", { ...task, occurredAt: "2026-11-02T11:00:00Z" })], { now });
    await expectTaskDaysMatchTasks();
  });

  if (dialect === "postgres") {
    // A row trigger rewrote the same TaskDay row once per task of a statement: ingestion upserts a group's tasks in
    // one statement, so that was one write per task. The statement triggers add each day's change once.
    it("keeps TaskDay with triggers that run once per statement, and counts a statement's inserts and updates right", async () => {
      const triggers = await database().sql.query<{ name: string; perRow: boolean }>(
        `SELECT tgname AS "name", (tgtype & 1) = 1 AS "perRow" FROM pg_trigger WHERE tgrelid = '"Task"'::regclass AND NOT tgisinternal ORDER BY tgname`,
      );
      expect(triggers).toEqual([{ name: "Task_count_insert", perRow: false }, { name: "Task_count_update", perRow: false }]);
      await database().sql.transaction(async (tx) => {
        await tx.execute(
          `INSERT INTO "Task" ("workflow", "cohort", "taskId", "startedAt", "startDay", "agentVersion", "escalations")
           SELECT 'crm-enrichment', 'sales-pilot', 'STATEMENT-' || g, TIMESTAMP '2026-09-01 09:00', '2026-09-01', '1.0', g % 2
           FROM generate_series(1, 50) AS g`,
        );
        await tx.execute(`UPDATE "Task" SET "escalations" = 1 WHERE "taskId" IN ('STATEMENT-2', 'STATEMENT-4')`);
        await tx.execute(`UPDATE "Task" SET "startDay" = '2026-08-31', "startedAt" = TIMESTAMP '2026-08-31 09:00' WHERE "taskId" = 'STATEMENT-1'`);
      });
      const days = await database().sql.query<{ day: string; tasks: number; escalatedTasks: number }>(
        `SELECT "day", "tasks", "escalatedTasks" FROM "TaskDay" WHERE "day" IN ('2026-08-31', '2026-09-01') ORDER BY "day"`,
      );
      expect(days).toEqual([{ day: "2026-08-31", tasks: 1, escalatedTasks: 1 }, { day: "2026-09-01", tasks: 49, escalatedTasks: 26 }]);
      await expectTaskDaysMatchTasks();
    });
  }
});
