// The larger request examples of the operation table: a task's life in events, and a program document. They name
// the demo program's workflows and cohorts (lib/demo/program.ts), which the examples test applies to its server.

/** One support ticket: the agent's draft, a reviewer's verdict, an escalation and the task's completion. */
export const EVENTS_EXAMPLE = {
  events: [
    {
      id: "T-1042-output",
      type: "output",
      workflow: "ticket-triage",
      cohort: "support-pilot",
      taskId: "T-1042",
      occurredAt: "2026-12-01T09:30:00Z",
      actor: "agent-triage",
      agentVersion: "2.3.0",
      outputKind: "classification",
    },
    {
      id: "T-1042-review",
      type: "review",
      workflow: "ticket-triage",
      cohort: "support-pilot",
      taskId: "T-1042",
      occurredAt: "2026-12-01T09:41:00Z",
      actor: "reviewer-17",
      verdict: "heavy_edit",
      errorCategory: "incorrect_routing",
    },
    {
      id: "T-1042-escalation",
      type: "escalation",
      workflow: "ticket-triage",
      cohort: "support-pilot",
      taskId: "T-1042",
      occurredAt: "2026-12-01T09:42:00Z",
      reason: "Customer asked for a human.",
    },
    {
      id: "T-1042-completion",
      type: "completion",
      workflow: "ticket-triage",
      cohort: "support-pilot",
      taskId: "T-1042",
      occurredAt: "2026-12-01T10:05:00Z",
      mode: "agent",
      durationMs: 2_100_000,
    },
  ],
};

/** A new workflow piloted in an existing cohort; applying it twice changes nothing the second time. */
export const PROGRAM_EXAMPLE = {
  workflows: [
    {
      key: "expense-approvals",
      name: "Expense approvals",
      tier: "draft",
      businessOwner: "Head of Finance Operations",
      technicalOwner: "ERP team",
      successMetric: "Expense reports approved within a day",
      failureMode: "An out-of-policy expense approved",
    },
  ],
  rollouts: [{ workflow: "expense-approvals", cohort: "finance-pilot", phase: "pilot", startedAt: "2026-11-02" }],
};
