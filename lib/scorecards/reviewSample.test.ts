// The scorecard and the review queue: sampled and sent reviews kept apart in the rollups, a gate that counts only the
// random sample, reviewer agreement with its hold rule, and the reviews still needed.
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testActor, testProgram } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { rebuildRollups } from "@/lib/ingest/rebuildRollups";
import type { Principal } from "@/lib/auth/authorize";
import type { Verdict } from "@/lib/contract/vocabulary";
import type { GateTemplateInput } from "@/lib/contract/program";
import { LOW_AGREEMENT_REASON } from "@/lib/gates/verdict";
import { claimNext, recordVerdict } from "@/lib/review/queue";
import { evaluateScorecard, requireScorecard } from "./scorecard";

const WORKFLOW = "ticket-triage";
const COHORT = "support-pilot";
const now = new Date("2026-11-20T12:00:00Z");
const asOf = "2026-11-30";
const reviewer = (email: string): Principal => ({ kind: "user", id: email, email, name: null, roles: ["reviewer"], workflows: [WORKFLOW] });
const gate: GateTemplateInput = {
  key: "pilot-gate",
  from: "pilot",
  to: "department",
  windowWeeks: 4,
  tiers: ["draft"],
  checklist: [],
  criteria: [{ metric: "precision", op: ">=", threshold: 0.8, minSample: 40 }],
};

describeEachDatabase("scorecards and the review sample", (database) => {
  beforeAll(async () => {
    // Every output sampled and double-reviewed: 32 items, two verdicts each.
    await applyProgram(database(), { ...testProgram, rollouts: [{ ...testProgram.rollouts![0]!, review: { rate: 1, doubleRate: 1 } }], gates: [gate] }, testActor);
    const outputs = Array.from({ length: 32 }, (_, i) => anEvent("output", { id: `s-${i}`, occurredAt: "2026-11-10T09:00:00Z", content: { text: `Output ${i}` } }));
    // And 10 reviews integrations sent, all rejections: the self-selected kind.
    const sent = Array.from({ length: 10 }, () => anEvent("review", { verdict: "rejected", errorCategory: "other", occurredAt: "2026-11-12T09:00:00Z" }));
    await ingestBatch(database(), [...outputs, ...sent], { now });
    // Reviewer A accepts everything; reviewer B rejects every fourth item: 75% agreement, kappa 0.
    for (const [email, verdictOf] of [
      ["a@example.com", () => "accepted"],
      ["b@example.com", (i: number) => (i % 4 === 0 ? "rejected" : "accepted")],
    ] as const) {
      for (;;) {
        const item = await claimNext(database(), reviewer(email), { workflow: WORKFLOW }, now);
        if (!item) break;
        const verdict = verdictOf(Number(item.outputId.slice(2))) as Verdict;
        await recordVerdict(database(), reviewer(email), item.outputId, { workflow: WORKFLOW, verdict, ...(verdict === "rejected" ? { errorCategory: "other" } : {}) }, now);
      }
    }
  });

  const card = async () => requireScorecard(await evaluateScorecard(database(), { workflow: WORKFLOW, cohort: COHORT, asOf }, { now }));

  it("keeps the random sample's reviews apart from those integrations sent, in the rollups and after a rebuild", async () => {
    const { totals } = await card();
    expect(totals.reviews).toBe(74);
    expect(totals.sampledReviews).toEqual({ reviews: 64, accepted: 56, lightEdits: 0, heavyEdits: 0, rejected: 8 });
    await rebuildRollups(database(), "UTC");
    expect((await card()).totals.sampledReviews).toEqual(totals.sampledReviews);
  });

  it("judges precision on every review by default, and on the random sample alone with reviews: sampled", async () => {
    const all = (await card()).criteria[0]!;
    expect(all).toMatchObject({ n: 74 });
    expect(all.value).toBeCloseTo(56 / 74, 6);
    await applyProgram(database(), { gates: [{ ...gate, reviews: "sampled" }] }, testActor);
    const scorecard = await card();
    expect(scorecard.template).toMatchObject({ version: 2, reviews: "sampled" });
    expect(scorecard.criteria[0]).toMatchObject({ n: 64, value: 56 / 64 });
    await applyProgram(database(), { gates: [gate] }, testActor);
  });

  it("reports reviewer agreement and holds the verdict when 30 or more double-reviewed items agree too rarely", async () => {
    const scorecard = await card();
    expect(scorecard.agreement.n).toBe(32);
    expect(scorecard.agreement.percentAgreement.value).toBeCloseTo(0.75, 6);
    expect(scorecard.agreement.kappa.value).toBeCloseTo(0, 6);
    expect(scorecard.verdict).toBe("hold");
    expect(scorecard.reasons.join(" ")).toContain(LOW_AGREEMENT_REASON);
  });

  it("says how many reviews would settle an undecided review criterion", async () => {
    const [needed] = (await card()).reviewsStillNeeded;
    expect(needed).toMatchObject({ metric: "precision" });
    expect(needed!.reason).toMatch(/review/);
  });
});
