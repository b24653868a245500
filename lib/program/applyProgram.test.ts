import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testProgram, testActor } from "@/lib/testing/fixtures";
import type { GateTemplateInput } from "@/lib/contract/program";
import { applyProgram, ProgramError } from "./applyProgram";

const gate: GateTemplateInput = {
  key: "pilot-to-department",
  from: "pilot",
  to: "department",
  windowWeeks: 4,
  tiers: ["insight", "draft", "action"],
  checklist: ["identity", "tenant_controls", "audit_logging", "human_approval", "metrics", "retention"],
  criteria: [
    { metric: "precision", op: ">=", threshold: 0.9, minSample: 150 },
    { metric: "incidents.policy_violation", op: "<=", threshold: 0 },
  ],
};

async function errorsOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProgramError) return error.errors;
    throw error;
  }
  throw new Error("expected the document to be refused");
}

describeEachDatabase("applyProgram", (database) => {
  it("creates the registry, then changes nothing when the same document is applied again", async () => {
    const first = await applyProgram(database(), { ...testProgram, gates: [gate] }, testActor);
    expect(first.workflows.created).toBe(2);
    expect(first.changed).toBe(true);
    const second = await applyProgram(database(), { ...testProgram, gates: [gate] }, testActor);
    expect(second.changed).toBe(false);
    expect(second.workflows).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await database().prisma.gateTemplate.count()).toBe(1);
    // One audit record for the apply that changed something, none for the one that did not.
    const records = await database().prisma.auditRecord.findMany({ where: { action: "program.apply" } });
    expect(records).toHaveLength(1);
    expect(JSON.parse(records[0]!.after!)).toHaveProperty(["workflows/ticket-triage", "name"], "Ticket triage");
    expect(JSON.parse(records[0]!.before!)["gates/" + gate.key]).toBeNull();
  });

  it("updates changed entries and makes a changed gate template a new version", async () => {
    const program = {
      ...testProgram,
      cohorts: [{ ...testProgram.cohorts![0]!, size: 40 }],
      gates: [{ ...gate, windowWeeks: 6 }],
    };
    const summary = await applyProgram(database(), program, testActor);
    expect(summary.cohorts).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(summary.gates.updated).toBe(1);
    const versions = await database().prisma.gateTemplate.findMany({ where: { key: gate.key }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, JSON.parse(v.definition).windowWeeks])).toEqual([
      [1, 4],
      [2, 6],
    ]);
    expect((await database().prisma.cohort.findUnique({ where: { key: "support-pilot" } }))?.size).toBe(40);
    // The audit record keeps what changed, as it was and as it became: the cohort's size and the template's new version.
    const record = await database().prisma.auditRecord.findFirst({ where: { action: "program.apply" }, orderBy: { seq: "desc" } });
    expect(record).toMatchObject({ actorType: "cli", actor: "test" });
    const before = JSON.parse(record!.before!);
    const after = JSON.parse(record!.after!);
    expect(Object.keys(after).sort()).toEqual(["cohorts/support-pilot", `gates/${gate.key}`]);
    expect([before["cohorts/support-pilot"].size, after["cohorts/support-pilot"].size]).toEqual([25, 40]);
    expect([before[`gates/${gate.key}`].version, after[`gates/${gate.key}`].version]).toEqual([1, 2]);
    expect([before[`gates/${gate.key}`].windowWeeks, after[`gates/${gate.key}`].windowWeeks]).toEqual([4, 6]);
  });

  it("refuses a bad document as a whole, naming each JSON path, and writes nothing", async () => {
    const before = await database().prisma.workflow.count();
    const errors = await errorsOf(
      applyProgram(database(), {
        workflows: [{ ...testProgram.workflows![0]!, key: "new-flow", tier: "autonomous" }],
        cohorts: [{ key: "Bad Key", name: "x", department: "y" }],
        rollouts: [{ workflow: "ghost", cohort: "support-pilot", phase: "pilot" }],
        gates: [{ ...gate, criteria: [{ metric: "vibes", op: ">=", threshold: 1 }] }],
      }, testActor),
    );
    expect(errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(["workflows[0].tier", "cohorts[0].key", "gates[0].criteria[0].metric"]),
    );
    expect(await database().prisma.workflow.count()).toBe(before);
  });

  it("refuses references to unknown entries and duplicate keys", async () => {
    const errors = await errorsOf(
      applyProgram(database(), {
        cohorts: [testProgram.cohorts![0]!, testProgram.cohorts![0]!],
        rollouts: [{ workflow: "ghost", cohort: "nowhere", phase: "pilot" }],
        gates: [{ ...gate, to: "enterprise" }, { ...gate, criteria: [{ metric: "incidents.fire", op: "<=", threshold: 0 }] }],
      }, testActor),
    );
    expect(errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(["cohorts[1]", "rollouts[0].workflow", "rollouts[0].cohort", "gates[0].to", "gates[1]", "gates[1].criteria[0].metric"]),
    );
  });

  it("refuses unknown fields", async () => {
    const errors = await errorsOf(applyProgram(database(), { workflows: [], owners: [] }, testActor));
    expect(errors).toEqual([{ path: "owners", message: "is not a known field" }]);
  });
});
