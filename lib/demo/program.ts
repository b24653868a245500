// The demo program: a plausible company rolling out seven agent workflows to eight cohorts. The generator in
// ./generate.ts simulates exactly these rollouts, so the dashboards have a story to tell: one rollout ready to
// expand, one clearly not, one too young to judge, one whose new agent version regressed, and some in between.
import type { CohortInput, GateTemplateInput, ProgramDocument, RolloutInput, WorkflowInput } from "../contract/program";
import { CHECKLIST_ITEMS } from "../contract/vocabulary";

/** The demo's first user, created with the demo program (roles admin and board); `npm start` prints its password once. */
export const DEMO_ADMIN = "admin@tollgate.demo";
/** The demo's reviewer: reviews the sampled outputs of the workflows whose pilots sample (see demoRolloutPlans). */
export const DEMO_REVIEWER = "reviewer@tollgate.demo";
export const DEMO_REVIEWED_WORKFLOWS = ["ticket-triage", "meeting-followups", "policy-answers"];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Monday 00:00Z of the UTC week containing `instant`: the default (exclusive) end of the demo data. */
export function startOfUtcWeek(instant: Date): Date {
  const midnight = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  const daysSinceMonday = (instant.getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * DAY_MS);
}

export const demoWorkflows = [
  {
    key: "ticket-triage",
    name: "Support ticket triage",
    tier: "insight",
    businessOwner: "Maya Lindqvist, Director of Support Operations",
    technicalOwner: "Tomás Ferreira, Support Platform",
    successMetric: "Tickets reach the right queue with the right priority on first assignment; time to first response falls.",
    failureMode: "Misrouted or under-prioritised tickets, above all missed security and outage reports.",
  },
  {
    key: "meeting-followups",
    name: "Meeting follow-up emails",
    tier: "draft",
    businessOwner: "Priya Raman, VP Sales",
    technicalOwner: "Jonas Weber, Revenue Systems",
    successMetric: "Reps send an accurate recap with next steps within an hour of the customer call.",
    failureMode: "Invented commitments, wrong pricing or unapproved discounts in a customer-facing email.",
  },
  {
    key: "crm-enrichment",
    name: "CRM account enrichment",
    tier: "action",
    businessOwner: "Alicia Moreno, Head of Revenue Operations",
    technicalOwner: "Jonas Weber, Revenue Systems",
    successMetric: "Account and contact fields are complete and current without manual research.",
    failureMode: "Overwriting correct CRM data with stale or wrong values from an untrusted source.",
  },
  {
    key: "contract-summaries",
    name: "Contract review summaries",
    tier: "insight",
    businessOwner: "Daniel Okafor, Deputy General Counsel",
    technicalOwner: "Lena Fischer, Legal Technology",
    successMetric: "Counsel gets a reliable summary and a list of non-standard clauses before the first read.",
    failureMode: "A missed or misstated liability, indemnity or termination clause.",
  },
  {
    key: "inbox-triage",
    name: "Shared inbox triage",
    tier: "insight",
    businessOwner: "Grace Chen, COO Office",
    technicalOwner: "Workplace Platform team",
    successMetric: "Shared-inbox mail is labelled and routed to the owning team within minutes.",
    failureMode: "Mail routed to the wrong team and left unanswered.",
  },
  {
    key: "invoice-coding",
    name: "Supplier invoice coding",
    tier: "action",
    businessOwner: "Henrik Johansson, Financial Controller",
    technicalOwner: "Aisha Bello, Finance Systems",
    successMetric: "Invoices are coded to the correct GL account and cost centre and posted without rework.",
    failureMode: "Postings to the wrong account or cost centre that surface only at month-end close.",
  },
  {
    key: "policy-answers",
    name: "HR policy answers",
    tier: "draft",
    businessOwner: "Sofia Rossi, Head of People Operations",
    technicalOwner: "Workplace Platform team",
    successMetric: "Employees get a correct, sourced answer to policy questions the same day.",
    failureMode: "Answers citing outdated or another country's policy.",
  },
] as const satisfies readonly WorkflowInput[];

export const demoCohorts = [
  { key: "support-pilot", name: "Support pilot (Tier 1 EMEA)", department: "Customer Support", size: 40 },
  { key: "support-department", name: "Customer Support, all regions", department: "Customer Support", size: 320 },
  { key: "sales-pilot", name: "Sales pilot (mid-market AEs)", department: "Sales", size: 30 },
  { key: "revops-pilot", name: "Revenue Operations pilot", department: "Revenue Operations", size: 14 },
  { key: "legal-pilot", name: "Legal pilot (commercial contracts)", department: "Legal", size: 12 },
  { key: "finance-pilot", name: "Finance pilot (accounts payable)", department: "Finance", size: 18 },
  { key: "hr-pilot", name: "People team pilot", department: "People", size: 10 },
  { key: "all-employees", name: "All employees", department: "Company-wide", size: 2400 },
] as const satisfies readonly CohortInput[];

export type DemoWorkflowKey = (typeof demoWorkflows)[number]["key"];
export type DemoCohortKey = (typeof demoCohorts)[number]["key"];

/** A demo rollout; its start date is relative to the end of the demo data so the story holds whenever it is run. */
export interface DemoRolloutPlan extends Omit<RolloutInput, "startedAt" | "workflow" | "cohort"> {
  workflow: DemoWorkflowKey;
  cohort: DemoCohortKey;
  startedDaysBeforeEnd: number;
}

export const demoRolloutPlans: readonly DemoRolloutPlan[] = [
  // Ready to expand: started ~10 weeks ago, so the first two demo weeks are a measured manual baseline.
  // The review queue samples these pilots' outputs (lib/demo/content.ts gives the recent ones their content).
  { workflow: "ticket-triage", cohort: "support-pilot", phase: "pilot", startedDaysBeforeEnd: 68, review: { rate: 0.1, doubleRate: 0.2 } },
  // Running long before the demo window, hence a declared baseline from the pre-rollout time study.
  {
    workflow: "ticket-triage",
    cohort: "support-department",
    phase: "department",
    startedDaysBeforeEnd: 138,
    baselineCycleTimeP50Ms: 14 * 60_000,
  },
  { workflow: "meeting-followups", cohort: "sales-pilot", phase: "pilot", startedDaysBeforeEnd: 54, review: { rate: 0.15, doubleRate: 0.2 } },
  { workflow: "crm-enrichment", cohort: "revops-pilot", phase: "pilot", startedDaysBeforeEnd: 61 },
  // Too young to judge: two weeks of agent data, fewer than a gate window.
  { workflow: "contract-summaries", cohort: "legal-pilot", phase: "pilot", startedDaysBeforeEnd: 12 },
  {
    workflow: "inbox-triage",
    cohort: "all-employees",
    phase: "enterprise",
    startedDaysBeforeEnd: 212,
    baselineCycleTimeP50Ms: 4 * 60_000,
  },
  { workflow: "invoice-coding", cohort: "finance-pilot", phase: "pilot", startedDaysBeforeEnd: 47 },
  { workflow: "policy-answers", cohort: "hr-pilot", phase: "pilot", startedDaysBeforeEnd: 40, review: { rate: 0.2, doubleRate: 0.25 } },
];

/** The rollouts the demo data is built to exhibit; tests and walkthroughs refer to them by role. */
export const demoStory = {
  readyToExpand: { workflow: "ticket-triage", cohort: "support-pilot" },
  notReady: { workflow: "meeting-followups", cohort: "sales-pilot" },
  tooYoung: { workflow: "contract-summaries", cohort: "legal-pilot" },
  regressedOnNewVersion: { workflow: "ticket-triage", cohort: "support-department" },
} as const satisfies Record<string, { workflow: DemoWorkflowKey; cohort: DemoCohortKey }>;

// Gate thresholds. Minimum samples are sized so a 95% Wilson interval around the threshold is about ±5 points at
// the pilot gate (150 reviews) and ±3 points at the enterprise gate (400+ reviews): enough to tell a 0.95 agent from
// a 0.85 one, not enough to split hairs. Thresholds tighten with the blast radius: a department sees ~10× the
// volume of a pilot and the enterprise ~10× again, so the tolerable share of bad outputs shrinks at each step.
// Insight and draft outputs always pass a human before they take effect, so correction there costs time, not
// harm; action outputs change systems of record, so their gates demand higher precision, near-complete review,
// few heavy corrections and no severity-1 incident at all. Policy violations block every gate outright.
const allChecklistItems = [...CHECKLIST_ITEMS];

export const defaultGateTemplates: GateTemplateInput[] = [
  {
    key: "pilot-to-department",
    from: "pilot",
    to: "department",
    windowWeeks: 4,
    tiers: ["insight", "draft"],
    checklist: allChecklistItems,
    criteria: [
      { metric: "precision", op: ">=", threshold: 0.9, minSample: 150 },
      { metric: "correctionRate", op: "<=", threshold: 0.2, minSample: 150 },
      { metric: "escalationRate", op: "<=", threshold: 0.3, minSample: 150 },
      // A quarter faster is roughly where the time saved outweighs the time spent reviewing.
      { metric: "cycleTimeReduction", op: ">=", threshold: 0.25, minSample: 30 },
      { metric: "incidents.policy_violation", op: "<=", threshold: 0 },
    ],
  },
  {
    key: "department-to-enterprise",
    from: "department",
    to: "enterprise",
    windowWeeks: 6,
    tiers: ["insight", "draft"],
    checklist: allChecklistItems,
    criteria: [
      { metric: "precision", op: ">=", threshold: 0.92, minSample: 400 },
      { metric: "correctionRate", op: "<=", threshold: 0.15, minSample: 400 },
      { metric: "escalationRate", op: "<=", threshold: 0.2, minSample: 400 },
      { metric: "cycleTimeReduction", op: ">=", threshold: 0.3, minSample: 100 },
      // A department that does not use the agent itself is no evidence for the rest of the company.
      { metric: "adoptionRate", op: ">=", threshold: 0.4 },
      { metric: "incidents.policy_violation", op: "<=", threshold: 0 },
      { metric: "incidents.severity1", op: "<=", threshold: 0 },
    ],
  },
  {
    key: "pilot-to-department-action",
    from: "pilot",
    to: "department",
    windowWeeks: 4,
    tiers: ["action"],
    checklist: allChecklistItems,
    criteria: [
      { metric: "precision", op: ">=", threshold: 0.95, minSample: 200 },
      { metric: "heavyCorrectionRate", op: "<=", threshold: 0.05, minSample: 200 },
      { metric: "escalationRate", op: "<=", threshold: 0.2, minSample: 200 },
      { metric: "reviewCoverage", op: ">=", threshold: 0.9, minSample: 200 },
      { metric: "cycleTimeReduction", op: ">=", threshold: 0.25, minSample: 30 },
      { metric: "incidents.policy_violation", op: "<=", threshold: 0 },
      { metric: "incidents.severity1", op: "<=", threshold: 0 },
    ],
  },
  {
    key: "department-to-enterprise-action",
    from: "department",
    to: "enterprise",
    windowWeeks: 6,
    tiers: ["action"],
    checklist: allChecklistItems,
    criteria: [
      { metric: "precision", op: ">=", threshold: 0.97, minSample: 500 },
      { metric: "heavyCorrectionRate", op: "<=", threshold: 0.03, minSample: 500 },
      { metric: "escalationRate", op: "<=", threshold: 0.15, minSample: 500 },
      { metric: "reviewCoverage", op: ">=", threshold: 0.8, minSample: 500 },
      { metric: "cycleTimeReduction", op: ">=", threshold: 0.3, minSample: 100 },
      { metric: "adoptionRate", op: ">=", threshold: 0.4 },
      { metric: "incidents.policy_violation", op: "<=", threshold: 0 },
      { metric: "incidents.severity1", op: "<=", threshold: 0 },
    ],
  },
];

/** The demo program with rollout start dates placed relative to `end`, the exclusive end of the demo data. */
export function buildDemoProgram(end: Date = startOfUtcWeek(new Date())): ProgramDocument {
  return {
    workflows: [...demoWorkflows],
    cohorts: [...demoCohorts],
    rollouts: demoRolloutPlans.map(({ startedDaysBeforeEnd, ...rollout }) => ({
      ...rollout,
      startedAt: new Date(end.getTime() - startedDaysBeforeEnd * DAY_MS).toISOString().slice(0, 10),
    })),
    gates: defaultGateTemplates,
  };
}

/** The demo program for data generated with the default end (the start of the current UTC week). */
export const demoProgram: ProgramDocument = buildDemoProgram();
