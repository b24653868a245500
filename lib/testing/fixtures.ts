// A small program and event builders shared by the database and route tests.
import type { Actor } from "@/lib/audit/audit";
import type { ProgramDocument } from "@/lib/contract/program";

export const testProgram: ProgramDocument = {
  workflows: [
    { key: "ticket-triage", name: "Ticket triage", tier: "draft", businessOwner: "Head of Support", technicalOwner: "IT Automation", successMetric: "time to triage", failureMode: "ticket routed to the wrong queue" },
    { key: "crm-enrichment", name: "CRM enrichment", tier: "action", businessOwner: "Head of Sales Ops", technicalOwner: "CRM team", successMetric: "records enriched", failureMode: "wrong account data" },
  ],
  cohorts: [
    { key: "support-pilot", name: "Support pilot", department: "Support", size: 25 },
    { key: "sales-pilot", name: "Sales pilot", department: "Sales" },
  ],
  rollouts: [{ workflow: "ticket-triage", cohort: "support-pilot", phase: "pilot", startedAt: "2026-09-07", baselineCycleTimeP50Ms: 600000 }],
  gates: [],
};

let counter = 0;

/** A valid event of each type; override any field. */
export function anEvent(type: "output" | "review" | "escalation" | "completion" | "incident", overrides: Record<string, unknown> = {}) {
  const byType: Record<string, Record<string, unknown>> = {
    output: { outputKind: "classification" },
    review: { verdict: "accepted" },
    escalation: { reason: "customer asked for a human" },
    completion: { mode: "agent", durationMs: 120_000 },
    incident: { category: "policy_violation", severity: 2 },
  };
  counter += 1;
  return {
    id: `evt-${process.pid}-${counter}`,
    type,
    workflow: "ticket-triage",
    cohort: "support-pilot",
    taskId: `T-${counter}`,
    occurredAt: "2026-11-02T10:00:00Z",
    ...byType[type],
    ...overrides,
  };
}

/** Who the tests' direct calls name in the audit trail. */
export const testActor: Actor = { type: "cli", name: "test", source: "cli" };
