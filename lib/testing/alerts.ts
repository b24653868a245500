// Alert channels and rules shared by the alert tests: the example, with a gate to judge ticket-triage by.
import type { Alerts } from "@/lib/contract/alerts";
import type { GateTemplateInput, ProgramDocument } from "@/lib/contract/program";
import type { Database } from "@/lib/db/database";
import { testProgram } from "./fixtures";

export const testAlerts = {
  channels: [
    { key: "siem", type: "webhook", urlEnv: "SIEM_HOOK_URL", secretEnv: "SIEM_HOOK_SECRET" },
    { key: "ops-teams", type: "teams", urlEnv: "TEAMS_OPS_URL" },
    { key: "ops-slack", type: "slack", urlEnv: "SLACK_OPS_URL" },
    { key: "board-mail", type: "email", to: ["board@contoso.com"] },
  ],
  rules: [
    { on: ["incident.created"], maxSeverity: 1, channel: "siem" },
    { on: ["incident.created"], maxSeverity: 2, workflows: ["crm-enrichment"], channel: "ops-slack" },
    { on: ["verdict.changed", "decision.recorded", "drift.regression"], workflows: ["ticket-triage"], channel: "ops-teams" },
    { on: ["decision.recorded"], channel: "board-mail" },
    { on: ["workflow.quiet"], channel: "ops-slack" },
  ],
} satisfies Alerts;

/** Judges a draft or action workflow's pilot on two weeks: no policy violation, and precision once 20 reviews are in. */
export const testGate: GateTemplateInput = {
  key: "pilot-gate",
  from: "pilot",
  to: "department",
  windowWeeks: 2,
  tiers: ["draft", "action"],
  checklist: [],
  criteria: [
    { metric: "incidents.policy_violation", op: "<=", threshold: 0 },
    { metric: "precision", op: ">=", threshold: 0.5, minSample: 20 },
  ],
};

export const alertProgram: ProgramDocument = { ...testProgram, gates: [testGate], alerts: testAlerts };

/** Every alert stored, oldest first, as [trigger, channel, cause]. */
export async function storedAlerts(db: Database): Promise<[string, string, string][]> {
  const rows = await db.prisma.alert.findMany({ orderBy: [{ createdAt: "asc" }, { cause: "asc" }, { channel: "asc" }] });
  return rows.map((row) => [row.trigger, row.channel, row.cause]);
}
