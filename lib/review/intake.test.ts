import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase, TEST_ACTOR_SECRET } from "@/lib/testing/databases";
import { anEvent, testActor, testProgram } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { sampledReviewers } from "./sampling";
import { purgeReviewContent } from "./purge";
import { REVIEW_JOBS } from "./jobs";
import { runJob } from "@/lib/jobs/scheduler";

const now = new Date("2026-11-03T00:00:00Z");
const RATES = { rate: 0.1, doubleRate: 0.5 };
const content = (i: number) => ({ title: `Ticket ${i}`, text: `Customer ${i} asks for a refund. <script>alert(${i})</script>`, link: `https://desk.example.com/t/${i}` });

describeEachDatabase("review intake", (database) => {
  beforeAll(async () => {
    await applyProgram(
      database(),
      {
        ...testProgram,
        rollouts: [
          ...testProgram.rollouts!,
          { workflow: "crm-enrichment", cohort: "sales-pilot", phase: "pilot", review: RATES },
          { workflow: "ticket-triage", cohort: "sales-pilot", phase: "pilot", review: { rate: 1, doubleRate: 0 } },
        ],
      },
      testActor,
    );
  });

  const sampled = { workflow: "crm-enrichment", cohort: "sales-pilot" };

  it("samples outputs with content at the rollout's rate, decided by the keyed hash, in the ingestion transaction", async () => {
    const outputs = Array.from({ length: 2000 }, (_, i) => anEvent("output", { ...sampled, id: `out-${i}`, content: content(i) }));
    for (let i = 0; i < outputs.length; i += 1000) {
      expect(await ingestBatch(database(), outputs.slice(i, i + 1000), { now })).toMatchObject({ accepted: 1000 });
    }
    const items = await database().prisma.reviewItem.findMany({ where: { workflow: sampled.workflow } });
    // Binomial(2000, 0.1): mean 200, standard deviation 13.4; four of them either side.
    expect(items.length).toBeGreaterThanOrEqual(146);
    expect(items.length).toBeLessThanOrEqual(254);
    const expected = new Map(
      outputs.map((o) => [o.id, sampledReviewers(TEST_ACTOR_SECRET, o.workflow as string, o.id, RATES)] as const).filter(([, n]) => n > 0),
    );
    expect(new Map(items.map((i) => [i.outputId, i.reviewers]))).toEqual(expected);
    expect(new Set(items.map((i) => i.reviewers))).toEqual(new Set([1, 2]));
    // Content is stored for the sampled outputs only, never in the event row.
    const contents = await database().prisma.outputContent.findMany({ where: { workflow: sampled.workflow } });
    expect(contents.map((c) => c.outputId).sort()).toEqual([...expected.keys()].sort());
    const [first] = contents;
    expect(first).toMatchObject(content(Number(first!.outputId.slice(4))));
    const rows = await database().sql.query(`SELECT * FROM "Event" WHERE "workflow" = ?`, [sampled.workflow]);
    expect(JSON.stringify(rows)).not.toContain("refund");
  });

  it("makes the same decision on a re-send and never queues an output twice", async () => {
    const before = await database().prisma.reviewItem.count();
    const again = Array.from({ length: 300 }, (_, i) => anEvent("output", { ...sampled, id: `out-${i}`, content: content(i + 5000) }));
    expect(await ingestBatch(database(), again, { now })).toMatchObject({ accepted: 0, duplicates: 300 });
    expect(await database().prisma.reviewItem.count()).toBe(before);
    // The stored content is the first one sent.
    const stored = await database().prisma.outputContent.findMany({ where: { workflow: sampled.workflow, outputId: { in: again.map((o) => o.id) } } });
    for (const c of stored) expect(c.title).toBe(`Ticket ${c.outputId.slice(4)}`);
  });

  it("queues the sampled outputs of every batch of a group commit, reading the rates once per group", async () => {
    const db = database();
    const transaction = db.sql.transaction.bind(db.sql);
    let transactions = 0;
    let rateReads = 0;
    // Counted on the database itself, whose group committer and settings are the ones every ingestion uses.
    db.sql.transaction = (fn) =>
      transaction((tx) => {
        transactions += 1;
        const query: typeof tx.query = (sql, params) => {
          if (sql.includes(`"reviewRate" > 0`)) rateReads += 1;
          return tx.query(sql, params);
        };
        return fn({ ...tx, query, execute: tx.execute.bind(tx), executeEach: tx.executeEach.bind(tx), script: tx.script.bind(tx) });
      });
    // More batches than the driver runs groups at once (Postgres runs several), so some must share a group.
    const count = db.sql.parallelWrites + 4;
    const batches = Array.from({ length: count }, (_, b) =>
      Array.from({ length: 50 }, (_, i) => anEvent("output", { workflow: "ticket-triage", cohort: "sales-pilot", id: `grp-${b}-${i}`, content: { text: `g${b}.${i}` } })),
    );
    const results = await Promise.all(batches.map((batch) => ingestBatch(db, batch, { now }))).finally(() => {
      db.sql.transaction = transaction;
    });
    expect(results.map((r) => r.accepted)).toEqual(batches.map(() => 50));
    // ticket-triage/sales-pilot samples every output: each batch's outputs are queued, whichever group took it.
    expect(await database().prisma.reviewItem.count({ where: { outputId: { startsWith: "grp-" } } })).toBe(50 * count);
    // The batches that queued while the first transactions ran shared the next one, and its one read of the rates.
    expect(transactions).toBeLessThan(count);
    expect(rateReads).toBe(transactions);
  });

  it("queues nothing for a rollout without review rates, or an output without content", async () => {
    const unsampledRollout = anEvent("output", { id: "plain-1", content: content(1) });
    const noContent = anEvent("output", { id: "plain-2", workflow: "ticket-triage", cohort: "sales-pilot" });
    const withContent = anEvent("output", { id: "plain-3", workflow: "ticket-triage", cohort: "sales-pilot", content: { text: "A drafted reply." } });
    expect(await ingestBatch(database(), [unsampledRollout, noContent, withContent], { now })).toMatchObject({ accepted: 3 });
    const items = await database().prisma.reviewItem.findMany({ where: { outputId: { in: ["plain-1", "plain-2", "plain-3"] } } });
    expect(items.map((i) => [i.workflow, i.outputId])).toEqual([["ticket-triage", "plain-3"]]);
    expect(await database().prisma.outputContent.count({ where: { outputId: { in: ["plain-1", "plain-2"] } } })).toBe(0);
  });

  it("refuses content that breaks the contract, naming the field", async () => {
    const bad = anEvent("output", { ...sampled, id: "bad-1", content: { link: "javascript:alert(1)" } });
    const result = await ingestBatch(database(), [bad], { now });
    expect(result.rejected).toEqual([{ index: 0, id: "bad-1", errors: [expect.objectContaining({ path: "events[0].content.link" })] }]);
  });

  it("purges content after reviewContentDays, keeping the events and the items", async () => {
    const old = anEvent("output", { workflow: "ticket-triage", cohort: "sales-pilot", id: "old-1", occurredAt: "2026-10-01T10:00:00Z", content: { text: "old" } });
    const recent = anEvent("output", { workflow: "ticket-triage", cohort: "sales-pilot", id: "new-1", occurredAt: "2026-11-01T10:00:00Z", content: { text: "new" } });
    await ingestBatch(database(), [old, recent], { now });
    // The default keeps 30 days: on 2026-11-03 the October 1 content goes, November 1 stays.
    let run = await purgeReviewContent(database(), now, 2);
    expect(run).toMatchObject({ days: 30 });
    const left = async () => (await database().prisma.outputContent.findMany({ where: { outputId: { in: ["old-1", "new-1"] } } })).map((c) => c.outputId);
    expect(await left()).toEqual(["new-1"]);
    expect(await database().prisma.event.count({ where: { id: { in: ["old-1", "new-1"] } } })).toBe(2);
    expect(await database().prisma.reviewItem.count({ where: { outputId: { in: ["old-1", "new-1"] } } })).toBe(2);
    // reviewContentDays from program.json, read at the next run.
    expect(await applyProgram(database(), { reviewContentDays: 1 }, testActor)).toMatchObject({ reviewContentDays: { created: 1 } });
    run = await purgeReviewContent(database(), now, 2);
    expect(run).toMatchObject({ days: 1, contents: expect.any(Number) });
    expect(await left()).toEqual([]);
    // Several batches of two each emptied everything older than a day.
    expect(await database().prisma.outputContent.count({ where: { occurredAt: { lt: new Date("2026-11-02T00:00:00Z") } } })).toBe(0);
    expect(await applyProgram(database(), { reviewContentDays: 1 }, testActor)).toMatchObject({ reviewContentDays: { unchanged: 1 }, changed: false });
  });

  it("leaves whole batches when a purge dies half-way, and the next run finishes the rest", async () => {
    const events = Array.from({ length: 5 }, (_, i) =>
      anEvent("output", { workflow: "ticket-triage", cohort: "sales-pilot", id: `cut-${i}`, occurredAt: "2026-10-25T10:00:00Z", content: { text: `x${i}` } }),
    );
    await ingestBatch(database(), events, { now });
    const db = database();
    const transaction = db.sql.transaction.bind(db.sql);
    let batches = 0;
    // The process dies in its second batch's transaction: the first batch is committed, the second rolled back.
    const dying = Object.create(db.sql) as typeof db.sql;
    dying.transaction = (fn) => transaction(async (tx) => {
      const result = await fn(tx);
      if (++batches === 2) throw new Error("killed");
      return result;
    });
    await expect(purgeReviewContent({ ...db, sql: dying }, now, 2)).rejects.toThrow("killed");
    const left = () => database().prisma.outputContent.count({ where: { outputId: { startsWith: "cut-" } } });
    expect(await left()).toBe(3);
    expect((await purgeReviewContent(database(), now, 2)).contents).toBe(3);
    expect(await left()).toBe(0);
    expect(await database().prisma.reviewItem.count({ where: { outputId: { startsWith: "cut-" } } })).toBe(5);
  });

  it("runs the purge through lib/jobs once an hour across instances", async () => {
    const [job] = REVIEW_JOBS;
    await ingestBatch(database(), [anEvent("output", { workflow: "ticket-triage", cohort: "sales-pilot", id: "job-1", occurredAt: "2026-10-20T10:00:00Z", content: { text: "x" } })], { now });
    expect(await runJob(database(), job!, now)).toEqual({ ran: true, message: "Review content: purged 1 contents and 0 notes older than 1 days." });
    expect(await database().prisma.outputContent.count({ where: { outputId: "job-1" } })).toBe(0);
    // Due again only an hour later, whichever instance looks.
    expect(await runJob(database(), job!, new Date(now.getTime() + 30 * 60_000))).toEqual({ ran: false });
    expect(await runJob(database(), job!, new Date(now.getTime() + 61 * 60_000))).toEqual({ ran: true, message: null });
  });
});
