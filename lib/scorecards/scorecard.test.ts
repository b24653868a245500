import type { Actor } from "@/lib/audit/audit";
import crypto from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testProgram, testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import type { GateTemplateInput } from "@/lib/contract/program";
import type { ScorecardQuery } from "@/lib/contract/scorecard";
import { CHECKLIST_ITEMS } from "@/lib/contract/vocabulary";
import type { Database } from "@/lib/db/database";
import { evaluateScorecard } from "./scorecard";
import { listChecklistChanges } from "@/lib/db/queries/listChecklistChanges";
import { readChecklist, updateChecklistItem } from "./checklist";
import { canonicalJson, listDecisions, recordDecision } from "./decisions";

const BOARD: Actor = { type: "user", name: "board@example.com", source: null };

// asOf Wednesday 2026-11-18 → the two whole weeks before: [2026-11-02, 2026-11-16).
const asOf = "2026-11-18";
const now = new Date("2026-11-18T12:00:00Z");
const gate: GateTemplateInput = {
  key: "pilot-gate",
  from: "pilot",
  to: "department",
  windowWeeks: 2,
  tiers: ["draft", "action"],
  checklist: ["identity", "audit_logging"],
  criteria: [
    { metric: "precision", op: ">=", threshold: 0.8, minSample: 50 },
    { metric: "escalationRate", op: "<=", threshold: 0.3, minSample: 20 },
    { metric: "incidents.policy_violation", op: "<=", threshold: 0 },
  ],
};

/** Reviews and tasks for one cohort in the window: `accepted` of `reviews` accepted, `escalated` of `tasks` escalated. */
function windowEvents(cohort: string, { reviews, accepted, tasks, escalated, agentVersion }: { reviews: number; accepted: number; tasks: number; escalated: number; agentVersion?: string }) {
  const version = agentVersion ? { agentVersion } : {};
  const at = (i: number) => new Date(Date.parse("2026-11-03T09:00:00Z") + i * 60_000).toISOString();
  return [
    ...Array.from({ length: reviews }, (_, i) => anEvent("review", { cohort, verdict: i < accepted ? "accepted" : "rejected", occurredAt: at(i), ...version })),
    ...Array.from({ length: tasks }, (_, i) => anEvent("output", { cohort, taskId: `${cohort}-${agentVersion}-${i}`, occurredAt: at(i), ...version })),
    ...Array.from({ length: escalated }, (_, i) => anEvent("escalation", { cohort, taskId: `${cohort}-${agentVersion}-${i}`, occurredAt: at(i + 1), ...version })),
  ];
}

async function ingest(db: Database, events: unknown[]) {
  const result = await ingestBatch(db, events, { now });
  expect(result.rejected).toEqual([]);
}

/** The scorecard of a rollout that has a gate. */
async function evaluated(db: Database, query: ScorecardQuery) {
  const result = await evaluateScorecard(db, query, { now });
  if (result.status !== "evaluated") throw new Error(`expected a scorecard, got no gate: ${result.reason}`);
  return result.scorecard;
}

async function completeChecklist(db: Database, workflow: string) {
  for (const item of CHECKLIST_ITEMS) await updateChecklistItem(db, workflow, item, { status: "done", owner: "IT", evidence: "https://wiki/x" }, testActor);
}

describeEachDatabase("scorecards and decisions", (database) => {
  beforeAll(async () => {
    await applyProgram(database(), {
      ...testProgram,
      cohorts: [...testProgram.cohorts!, { key: "legal-pilot", name: "Legal pilot", department: "Legal" }, { key: "hr-pilot", name: "HR pilot", department: "HR" }],
      gates: [gate],
    }, testActor);
  });

  it("holds a rollout whose criteria pass until its checklist is done, then says go", async () => {
    const db = database();
    await ingest(db, windowEvents("support-pilot", { reviews: 200, accepted: 190, tasks: 60, escalated: 3 }));
    // Outside the window (the week of asOf): must not count.
    await ingest(db, [anEvent("incident", { category: "policy_violation", occurredAt: "2026-11-17T09:00:00Z" })]);

    const held = await evaluated(db, { workflow: "ticket-triage", cohort: "support-pilot", asOf });
    expect(held.window).toEqual({ from: "2026-11-02", to: "2026-11-16" });
    expect(held.template).toMatchObject({ key: "pilot-gate", version: 1 });
    expect(held.criteria.map((c) => [c.metric, c.verdict, c.n])).toEqual([
      ["precision", "pass", 200],
      ["escalationRate", "pass", 60],
      ["incidents.policy_violation", "pass", 60],
    ]);
    expect(held.verdict).toBe("hold");
    expect(held.reasons.join(" ")).toMatch(/identity is not started/);
    expect(held.newestEventAt).toBe("2026-11-17T09:00:00.000Z");

    await completeChecklist(db, "ticket-triage");
    const go = await evaluated(db, { workflow: "ticket-triage", cohort: "support-pilot", asOf });
    expect(go.verdict).toBe("go");
    expect(go.checklist.filter((c) => c.required).map((c) => c.item)).toEqual(["identity", "audit_logging"]);
    expect((await listChecklistChanges(db, "ticket-triage")).length).toBe(CHECKLIST_ITEMS.length);
  });

  it("says no-go when a criterion fails", async () => {
    const db = database();
    await ingest(db, windowEvents("sales-pilot", { reviews: 100, accepted: 50, tasks: 30, escalated: 2 }));
    const card = await evaluated(db, { workflow: "ticket-triage", cohort: "sales-pilot", asOf });
    expect(card.criteria[0]!.verdict).toBe("fail");
    expect(card.verdict).toBe("no_go");
  });

  it("holds when the newest agent version regressed, even though the window as a whole passes", async () => {
    const db = database();
    await ingest(db, [
      ...windowEvents("legal-pilot", { reviews: 600, accepted: 594, tasks: 40, escalated: 1, agentVersion: "1.9.0" }),
      ...windowEvents("legal-pilot", { reviews: 150, accepted: 105, tasks: 10, escalated: 0, agentVersion: "1.10.0" }),
    ]);
    const card = await evaluated(db, { workflow: "ticket-triage", cohort: "legal-pilot", asOf });
    expect(card.criteria[0]!.verdict).toBe("pass");
    const precision = card.drift.find((d) => d.metric === "precision")!;
    expect(precision).toMatchObject({ newer: "1.10.0", older: "1.9.0", regression: true });
    expect(card.verdict).toBe("hold");
  });

  it("records decisions with a frozen snapshot, needs an override against the verdict, and advances the phase on go", async () => {
    const db = database();
    const input = { workflow: "ticket-triage", cohort: "support-pilot", template: "pilot-gate" };
    await expect(recordDecision(db, { ...input, decision: "no_go", rationale: "not convinced" }, BOARD, now)).rejects.toThrow(/override/);

    const go = await recordDecision(db, { ...input, decision: "go", rationale: "all criteria met" }, BOARD, now);
    expect(go).toMatchObject({ computedVerdict: "go", fromPhase: "pilot", toPhase: "department", override: null, supersedesId: null });
    expect(go.snapshotSha256).toBe(crypto.createHash("sha256").update(canonicalJson(go.snapshot)).digest("hex"));
    expect((await db.prisma.rollout.findUnique({ where: { workflow_cohort: { workflow: "ticket-triage", cohort: "support-pilot" } } }))?.phase).toBe("department");
    const audit = await db.prisma.auditRecord.findFirst({ where: { action: "decision.record", target: "ticket-triage/support-pilot" } });
    expect(audit).toMatchObject({ actorType: "user", actor: "board@example.com" });
    expect(JSON.parse(audit!.before!)).toEqual({ phase: "pilot", computedVerdict: "go" });
    expect(JSON.parse(audit!.after!)).toMatchObject({ decision: "go", phase: "department", snapshotSha256: go.snapshotSha256, decisionId: go.id });

    // Later events do not change what the board decided on.
    await ingest(db, windowEvents("support-pilot", { reviews: 300, accepted: 0, tasks: 0, escalated: 0 }));
    const [stored] = await listDecisions(db, "ticket-triage", "support-pilot");
    expect(stored!.snapshot).toEqual(go.snapshot);
    expect(stored!.snapshot.totals.reviews).toBe(200);

    // The pilot gate no longer applies once the rollout is in the department phase.
    await expect(recordDecision(db, { ...input, decision: "go", rationale: "again" }, BOARD, now)).rejects.toThrow(/department phase/);
  });

  it("keeps decisions append-only: a correction supersedes the previous one", async () => {
    const db = database();
    const input = { workflow: "ticket-triage", cohort: "hr-pilot", template: "pilot-gate" };
    const first = await recordDecision(db, { ...input, decision: "extend", rationale: "too early to tell" }, BOARD, now);
    const second = await recordDecision(db, { ...input, decision: "extend", rationale: "typo fixed: too early to tell" }, BOARD, new Date(now.getTime() + 1000));
    expect(second.supersedesId).toBe(first.id);
    expect((await listDecisions(db, "ticket-triage", "hr-pilot")).map((d) => d.id)).toEqual([second.id, first.id]);
  });

  it("says a rollout in a phase no template leaves has no gate, and refuses what names nothing", async () => {
    const db = database();
    // support-pilot moved to the department phase above, and no template leaves that phase.
    expect(await evaluateScorecard(db, { workflow: "ticket-triage", cohort: "support-pilot", asOf }, { now })).toEqual({
      status: "no_gate",
      reason: "no gate template leaves the department phase for draft-tier workflows; add one to the program or name one with template=",
    });
    const refused = (query: ScorecardQuery) => evaluateScorecard(db, query, { now }).catch((error: unknown) => error);
    expect(await refused({ workflow: "ticket-triage", cohort: "support-pilot", template: "nope" })).toMatchObject({ parameter: "template", message: 'unknown gate template "nope"' });
    expect(await refused({ workflow: "nope", cohort: "support-pilot" })).toMatchObject({ parameter: "workflow", message: 'unknown workflow "nope"' });
    expect(await refused({ workflow: "ticket-triage", cohort: "nope" })).toMatchObject({ parameter: "cohort", message: 'unknown cohort "nope"' });
  });

  it("reads the checklist's times exactly, whatever the process' timezone", async () => {
    const db = database();
    const at = new Date("2026-11-18T12:34:56.789Z");
    await updateChecklistItem(db, "crm-enrichment", "identity", { status: "in_progress" }, testActor, at);
    const zone = process.env.TZ;
    process.env.TZ = "Europe/Berlin";
    try {
      expect((await readChecklist(db, "crm-enrichment"))[0]).toMatchObject({ item: "identity", status: "in_progress", updatedAt: at });
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("names the template version it used", async () => {
    const db = database();
    await applyProgram(db, { gates: [{ ...gate, windowWeeks: 3 }] }, testActor);
    const card = await evaluated(db, { workflow: "ticket-triage", cohort: "sales-pilot", asOf });
    expect(card.template).toMatchObject({ key: "pilot-gate", version: 2, windowWeeks: 3 });
    expect(card.window).toEqual({ from: "2026-10-26", to: "2026-11-16" });
  });
});
