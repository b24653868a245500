import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase, TEST_ACTOR_SECRET } from "@/lib/testing/databases";
import { anEvent, testActor, testProgram } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { openDatabase, type Database } from "@/lib/db/database";
import { pseudonymizeActor } from "@/lib/ingest/normalize";
import { setupInstallation } from "@/lib/db/settings";
import type { Principal } from "@/lib/auth/authorize";
import type { Role } from "@/lib/contract/vocabulary";
import { CLAIM_MS, claimNext, recordVerdict } from "./queue";
import { queueStatus } from "./status";
import { testGate } from "@/lib/testing/alerts";
import { evaluateScorecard, requireScorecard } from "@/lib/scorecards/scorecard";
import { reviewsStillNeeded } from "@/lib/gates/stillNeeded";

const WORKFLOW = "ticket-triage";
const start = new Date("2026-11-02T09:00:00Z");
const now = new Date("2026-11-03T00:00:00Z");
const user = (email: string, roles: Role[] = ["reviewer"], workflows = [WORKFLOW]): Principal => ({ kind: "user", id: email, email, name: null, roles, workflows });
const ann = user("ann@example.com");
const bo = user("bo@example.com");
const cy = user("cy@example.com", ["owner"]);

/** Outputs with content, one a minute from `start`, in the sampled rollout (rate 1: every one is queued). */
function outputs(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) =>
    anEvent("output", { id: `${prefix}-${i}`, occurredAt: new Date(start.getTime() + i * 60_000).toISOString(), content: { title: `${prefix} ${i}`, text: `Summary ${i}` } }),
  );
}

describeEachDatabase("review queue", (database, dialect) => {
  beforeAll(async () => {
    await applyProgram(
      database(),
      {
        ...testProgram,
        rollouts: [{ ...testProgram.rollouts![0]!, review: { rate: 1, doubleRate: 0.5 } }, { workflow: "crm-enrichment", cohort: "sales-pilot", phase: "pilot", review: { rate: 1, doubleRate: 0 } }],
        // Ticket triage (draft) is judged by a gate; CRM enrichment (action) has none.
        gates: [{ ...testGate, tiers: ["draft"] }],
      },
      testActor,
    );
  });

  const reviewersOf = async (outputId: string) =>
    (await database().prisma.reviewClaim.findMany({ where: { workflow: WORKFLOW, outputId, reviewedAt: { not: null } } })).map((c) => c.reviewer).sort();

  it("hands out the oldest item first with its content, holds it for 15 minutes, and records a verdict as a sampled review event", async () => {
    await ingestBatch(database(), outputs("a", 3).reverse(), { now });
    const first = await claimNext(database(), ann, { workflow: WORKFLOW }, now);
    expect(first).toMatchObject({ workflow: WORKFLOW, outputId: "a-0", cohort: "support-pilot", title: "a 0", text: "Summary 0", link: null });
    expect(first!.expiresAt).toEqual(new Date(now.getTime() + CLAIM_MS));
    // Asking again gives back the item held, not a second one.
    expect(await claimNext(database(), ann, { workflow: WORKFLOW }, new Date(now.getTime() + 1000))).toMatchObject({ outputId: "a-0" });

    const verdict = { workflow: WORKFLOW, verdict: "heavy_edit" as const, errorCategory: "poor_summarization" as const, note: "missed the action items" };
    expect(await recordVerdict(database(), ann, "a-0", verdict, now)).toEqual({ workflow: WORKFLOW, outputId: "a-0", verdict: "heavy_edit", status: "recorded" });
    const events = await database().prisma.event.findMany({ where: { workflow: WORKFLOW, type: "review" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      sampled: true,
      verdict: "heavy_edit",
      errorCategory: "poor_summarization",
      taskId: (await database().prisma.event.findFirst({ where: { workflow: WORKFLOW, id: "a-0" } }))!.taskId,
      actor: pseudonymizeActor("ann@example.com", TEST_ACTOR_SECRET),
      properties: JSON.stringify({ output: "a-0" }),
    });
    const claim = await database().prisma.reviewClaim.findFirst({ where: { workflow: WORKFLOW, outputId: "a-0" } });
    expect(claim).toMatchObject({ verdict: "heavy_edit", note: "missed the action items" });
    // The same verdict sent again (a retry) is the same review, stored once.
    expect(await recordVerdict(database(), ann, "a-0", verdict, now)).toMatchObject({ status: "duplicate" });
    expect(await database().prisma.event.count({ where: { workflow: WORKFLOW, type: "review" } })).toBe(1);
  });

  it("never gives a person an item they reviewed, and gives a double-review item to a second, different person", async () => {
    const doubles = (await database().prisma.reviewItem.findMany({ where: { workflow: WORKFLOW, reviewers: 2 } })).map((i) => i.outputId);
    const a0IsDouble = doubles.includes("a-0");
    const next = await claimNext(database(), ann, { workflow: WORKFLOW }, now);
    expect(next?.outputId).not.toBe("a-0");
    const forBo = await claimNext(database(), bo, { workflow: WORKFLOW }, now);
    // a-0 is still open only when it needs a second reviewer.
    if (a0IsDouble) expect(forBo?.outputId).toBe("a-0");
    else expect(forBo?.outputId).not.toBe("a-0");
  });

  it("lets a lapsed claim go to someone else, and refuses the late verdict", async () => {
    await ingestBatch(database(), [anEvent("output", { id: "solo-1", workflow: "crm-enrichment", cohort: "sales-pilot", occurredAt: "2026-11-01T00:00:00Z", content: { text: "x" } })], { now });
    const crm = (email: string) => user(email, ["reviewer"], ["crm-enrichment"]);
    expect(await claimNext(database(), crm("dee@example.com"), { workflow: "crm-enrichment" }, now)).toMatchObject({ outputId: "solo-1" });
    // Within the lease nobody else gets it; after it, the next reviewer does.
    expect(await claimNext(database(), crm("eve@example.com"), { workflow: "crm-enrichment" }, new Date(now.getTime() + CLAIM_MS - 1))).toBeNull();
    const later = new Date(now.getTime() + CLAIM_MS + 1);
    expect(await claimNext(database(), crm("eve@example.com"), { workflow: "crm-enrichment" }, later)).toMatchObject({ outputId: "solo-1" });
    await expect(recordVerdict(database(), crm("dee@example.com"), "solo-1", { workflow: "crm-enrichment", verdict: "accepted" }, later)).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/no running claim/),
    });
  });

  it("does not store a verdict whose claim lapsed and went to someone else between its check and its commit", async () => {
    await ingestBatch(database(), [anEvent("output", { id: "solo-2", workflow: "crm-enrichment", cohort: "sales-pilot", occurredAt: "2026-11-01T00:00:01Z", content: { text: "x" } })], { now });
    const crm = (email: string) => user(email, ["reviewer"], ["crm-enrichment"]);
    expect(await claimNext(database(), crm("jo@example.com"), { workflow: "crm-enrichment" }, now)).toMatchObject({ outputId: "solo-2" });
    const later = new Date(now.getTime() + CLAIM_MS + 1);
    expect(await claimNext(database(), crm("kim@example.com"), { workflow: "crm-enrichment" }, later)).toMatchObject({ outputId: "solo-2" });
    // Jo's verdict passed recordVerdict's check while the claim ran; its write reaches the commit after Kim took the slot.
    const late = anEvent("review", { workflow: "crm-enrichment", cohort: "sales-pilot", actor: "jo@example.com", occurredAt: now.toISOString(), properties: { output: "solo-2" } });
    await expect(ingestBatch(database(), [late], { now: later, queueReview: { outputId: "solo-2", note: null } })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/no longer hold the claim/),
    });
    expect(await database().prisma.event.count({ where: { workflow: "crm-enrichment", id: late.id } })).toBe(0);
    expect(await recordVerdict(database(), crm("kim@example.com"), "solo-2", { workflow: "crm-enrichment", verdict: "accepted" }, later)).toMatchObject({ status: "recorded" });
    expect(await database().prisma.reviewClaim.count({ where: { workflow: "crm-enrichment", outputId: "solo-2", reviewedAt: { not: null } } })).toBe(1);
  });

  it("passes a skipped item to others at once and never back to the person who skipped it", async () => {
    await ingestBatch(database(), [anEvent("output", { id: "skip-1", workflow: "crm-enrichment", cohort: "sales-pilot", occurredAt: "2026-10-31T00:00:00Z", content: { text: "x" } })], { now });
    const crm = (email: string) => user(email, ["reviewer"], ["crm-enrichment"]);
    expect(await claimNext(database(), crm("fay@example.com"), { workflow: "crm-enrichment" }, now)).toMatchObject({ outputId: "skip-1" });
    expect(await claimNext(database(), crm("fay@example.com"), { workflow: "crm-enrichment", skip: "skip-1" }, now)).toBeNull();
    expect(await claimNext(database(), crm("gus@example.com"), { workflow: "crm-enrichment" }, now)).toMatchObject({ outputId: "skip-1" });
  });

  it("refuses whom the workflow does not name, and an unknown workflow", async () => {
    const stranger = user("hal@example.com", ["reviewer"], ["crm-enrichment"]);
    await expect(claimNext(database(), stranger, { workflow: WORKFLOW }, now)).rejects.toMatchObject({ status: 403 });
    await expect(claimNext(database(), user("ivy@example.com", ["viewer"], [WORKFLOW]), { workflow: WORKFLOW }, now)).rejects.toMatchObject({ status: 403 });
    const key: Principal = { kind: "key", id: "k", name: "teams-tab", scopes: new Set(["review"]), workflows: new Set(["crm-enrichment"]) };
    await expect(claimNext(database(), key, { workflow: WORKFLOW }, now)).rejects.toMatchObject({ status: 403 });
    await expect(claimNext(database(), user("root@example.com", ["admin"], []), { workflow: "no-such-workflow" }, now)).rejects.toThrow(/unknown workflow/);
    // An owner of the workflow may review it.
    expect(await claimNext(database(), cy, { workflow: WORKFLOW }, now)).not.toBeNull();
  });

  it("reviews every item exactly as often as it needs, each time by another person, under concurrent reviewers on two app instances", async () => {
    // Two instances share a Postgres server. An embedded SQLite database has one server process (a second handle in
    // this process would block the event loop on the file lock), so there the tabs share the one handle.
    const other: Database = dialect === "postgres" ? openDatabase(database().url) : database();
    if (other !== database()) await setupInstallation(other, { timezone: "UTC", actorSecret: TEST_ACTOR_SECRET });
    try {
      await ingestBatch(database(), outputs("c", 24), { now });
      const items = await database().prisma.reviewItem.findMany({ where: { workflow: WORKFLOW, outputId: { startsWith: "c-" } } });
      expect(new Set(items.map((i) => i.reviewers))).toEqual(new Set([1, 2]));
      const people = [user("p1@example.com"), user("p2@example.com"), user("p3@example.com")];
      const at = new Date(now.getTime() + 2 * CLAIM_MS);
      // Each person works in two tabs, one on each instance, claiming and deciding until nothing is left.
      const worker = async (db: Database, person: Principal) => {
        for (;;) {
          const item = await claimNext(db, person, { workflow: WORKFLOW }, at);
          if (!item) return;
          await recordVerdict(db, person, item.outputId, { workflow: WORKFLOW, verdict: "accepted" }, at);
        }
      };
      await Promise.all(people.flatMap((person) => [worker(database(), person), worker(other, person)]));
      for (const item of items) {
        const by = await reviewersOf(item.outputId);
        expect(by, item.outputId).toHaveLength(item.reviewers);
        expect(new Set(by).size, item.outputId).toBe(item.reviewers);
      }
      const reviews = await database().prisma.event.count({ where: { workflow: WORKFLOW, type: "review", properties: { startsWith: '{"output":"c-' } } });
      expect(reviews).toBe(items.reduce((sum, i) => sum + i.reviewers, 0));
    } finally {
      if (other !== database()) await other.close();
    }
  });

  it("reports a gated rollout's reviews still needed as its own scorecard judges them", async () => {
    const admin = user("ada@example.com", ["admin"], []);
    const status = await queueStatus(database(), admin, { workflow: WORKFLOW }, now);
    const scorecard = requireScorecard(await evaluateScorecard(database(), { workflow: WORKFLOW, cohort: "support-pilot" }, { now }));
    expect(status.rollouts).toEqual([{ cohort: "support-pilot", template: "pilot-gate", stillNeeded: reviewsStillNeeded(scorecard.criteria), weeklyTarget: expect.any(Number) }]);
    expect(status.rollouts[0]!.stillNeeded.map((s) => s.metric)).toEqual(["precision"]);
    expect(status.weeklyTarget).toBeGreaterThan(0);
  });

  it("paces a rollout without a gate by what its sample brings: the last four weeks' outputs over four, at its rates", async () => {
    const later = new Date("2027-03-01T12:00:00Z");
    const paced = Array.from({ length: 8 }, (_, i) =>
      anEvent("output", { id: `pace-${i}`, workflow: "crm-enrichment", cohort: "sales-pilot", occurredAt: `2027-02-2${i}T09:00:00Z`, content: { text: "x" } }),
    );
    await ingestBatch(database(), paced, { now: later });
    const admin = user("ada@example.com", ["admin"], []);
    const status = await queueStatus(database(), admin, { workflow: "crm-enrichment" }, later);
    // Rate 1, no second reviewer: 8 outputs in four weeks bring 2 reviews a week.
    expect(status.rollouts).toEqual([{ cohort: "sales-pilot", template: null, stillNeeded: [], weeklyTarget: 2 }]);
    expect(status.weeklyTarget).toBe(2);
  });
});
