// Names for people of the registry's and the gates' vocabulary, and how each gate metric's figures are written.
// The one place for them: pages, badges, the PDF and the server's messages all take their words from here.
import type { ErrorCategory, Phase, Tier } from "@/lib/contract/vocabulary";
import type { CHECKLIST_ITEMS } from "@/lib/contract/vocabulary";
import type { Decision } from "@/lib/contract/scorecard";
import type { CriterionVerdict } from "@/lib/gates/evaluate";
import type { Verdict } from "@/lib/gates/verdict";
import type { Role } from "@/lib/contract/vocabulary";
import { formatComparison, formatCount, formatPercent, NO_VALUE, type IntervalLike } from "./format";

export const PHASE_LABELS: Record<Phase, string> = { pilot: "Pilot", department: "Department", enterprise: "Enterprise" };

export const TIER_LABELS: Record<Tier, string> = { insight: "Insight", draft: "Draft", action: "Action" };
export const TIER_DESCRIPTIONS: Record<Tier, string> = {
  insight: "read-only insight",
  draft: "draft-only assistance",
  action: "delegated action",
};

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", owner: "Owner", board: "Board", viewer: "Viewer", reviewer: "Reviewer" };
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "IT administration: the program, gate templates, API keys, users, retention and the audit trail",
  owner: "a workflow's business or technical owner: edits that workflow's readiness checklist",
  board: "the steering board: records go / extend / no-go decisions",
  viewer: "reads dashboards, scorecards and exports",
  reviewer: "reviews the sampled outputs of the workflows listed (admins and a workflow's owners may too)",
};

export const CHECKLIST_LABELS: Record<(typeof CHECKLIST_ITEMS)[number], string> = {
  identity: "Identity",
  tenant_controls: "Tenant controls",
  audit_logging: "Audit logging",
  human_approval: "Human approval",
  metrics: "Metrics",
  retention: "Retention",
};

export const CHECKLIST_STATUS_LABELS: Record<"not_started" | "in_progress" | "done", string> = {
  not_started: "Not started",
  in_progress: "In progress",
  done: "Done",
};

const ERROR_CATEGORY_LABELS: Record<ErrorCategory, string> = {
  wrong_data_source: "Wrong data source",
  permission_failure: "Permission failure",
  hallucinated_fact: "Hallucinated fact",
  policy_violation: "Policy violation",
  poor_summarization: "Poor summarization",
  incorrect_routing: "Incorrect routing",
  other: "Other",
};

export function errorCategoryLabel(category: string): string {
  return (ERROR_CATEGORY_LABELS as Record<string, string>)[category] ?? category.replaceAll("_", " ");
}

/** A gate's verdict, always written in capitals: on badges and tiles, in sentences and in the PDF. */
export const VERDICT_LABELS: Record<Verdict, string> = { go: "GO", hold: "HOLD", no_go: "NO-GO" };
export const VERDICT_DESCRIPTIONS: Record<Verdict, string> = {
  go: "Go: the rollout may move to its next phase",
  hold: "Hold: not enough evidence yet, or unfinished readiness",
  no_go: "No-go: a gate criterion fails",
};
/** Where no gate template leaves a rollout's phase, so there is no verdict. */
export const NO_GATE_LABEL = "No gate";

export const CRITERION_VERDICT_LABELS: Record<CriterionVerdict, string> = {
  pass: "Pass",
  fail: "Fail",
  inconclusive: "Inconclusive",
  insufficient: "Not enough data",
};

/** The board's decision; badges write it in capitals like a verdict. */
export const DECISION_LABELS: Record<Decision, string> = { go: "Go", extend: "Extend", no_go: "No-go" };

/** The rates the dashboard charts, in the order it shows them. */
export const RATE_METRICS = ["precision", "correctionRate", "heavyCorrectionRate", "escalationRate"] as const;
export type RateMetric = (typeof RATE_METRICS)[number];

export interface MetricInfo {
  label: string;
  kind: "share" | "percent" | "count" | "score";
  /** Whether a higher figure is better (for wording only; verdicts come from lib/gates). */
  higherIsBetter: boolean;
  /** One line saying what the figure is, for tooltips and chart summaries. */
  definition: string;
}

const METRICS: Record<string, MetricInfo> = {
  precision: { label: "Precision", kind: "share", higherIsBetter: true, definition: "Reviewed outputs accepted as they were or with light edits" },
  correctionRate: { label: "Correction rate", kind: "share", higherIsBetter: false, definition: "Reviewed outputs a reviewer changed at all" },
  heavyCorrectionRate: { label: "Heavy-correction rate", kind: "share", higherIsBetter: false, definition: "Reviewed outputs heavily edited or rejected" },
  reviewCoverage: { label: "Review coverage", kind: "share", higherIsBetter: true, definition: "Outputs a person reviewed" },
  escalationRate: { label: "Escalation rate", kind: "share", higherIsBetter: false, definition: "Tasks escalated to a person" },
  adoptionRate: { label: "Adoption rate", kind: "share", higherIsBetter: true, definition: "People in the cohort who used the agent" },
  cycleTimeReduction: { label: "Cycle-time reduction", kind: "percent", higherIsBetter: true, definition: "Median agent cycle time against the cohort's own baseline" },
  outputs: { label: "Outputs", kind: "count", higherIsBetter: true, definition: "Outputs the agent produced" },
  reviews: { label: "Reviews", kind: "count", higherIsBetter: true, definition: "Human reviews of outputs" },
  tasks: { label: "Tasks", kind: "count", higherIsBetter: true, definition: "Distinct tasks the agent worked on" },
  activeActors: { label: "Active users", kind: "count", higherIsBetter: true, definition: "Distinct people who used the agent" },
  positiveFeedbackRate: { label: "Positive feedback", kind: "share", higherIsBetter: true, definition: "Thumbs from the people who asked that were up (their opinion, not a review)" },
  csatMean: { label: "CSAT", kind: "score", higherIsBetter: true, definition: "Mean satisfaction score (1–5) the people who asked gave" },
  "incidents.severity1": { label: "Severity-1 incidents", kind: "count", higherIsBetter: false, definition: "Incidents of the highest severity" },
};

export function metricInfo(metric: string): MetricInfo {
  const known = METRICS[metric];
  if (known) return known;
  const category = /^incidents\.([a-z_]+)$/.exec(metric)?.[1];
  if (category) {
    return { label: `${errorCategoryLabel(category)} incidents`, kind: "count", higherIsBetter: false, definition: `Incidents of the ${errorCategoryLabel(category).toLowerCase()} category` };
  }
  return { label: metric, kind: "count", higherIsBetter: true, definition: metric };
}

/** A gate metric's value as people read it: a percentage for shares and percents, a whole count otherwise. */
export function formatMetricValue(metric: string, value: number | null): string {
  if (value === null) return NO_VALUE;
  const { kind } = metricInfo(metric);
  return kind === "count" ? formatCount(value) : kind === "score" ? value.toFixed(1) : formatPercent(value);
}

/** A criterion's interval: "[83.1%, 90.4%]"; counts are exact and have none. */
export function formatMetricBounds(metric: string, interval: IntervalLike): string {
  if (metricInfo(metric).kind === "count" || interval.value === null) return NO_VALUE;
  return `[${formatMetricValue(metric, interval.low)}, ${formatMetricValue(metric, interval.high)}]`;
}

/** A criterion's threshold with its direction: "≥ 90.0%", "≤ 0". */
export function formatThreshold(metric: string, op: ">=" | "<=", threshold: number): string {
  return formatComparison(op, formatMetricValue(metric, threshold));
}

/** "user:ann@example.com" → "ann@example.com", "key:it-admin" → "API key it-admin", as decisions and checklist changes name who made them. */
export function actorName(label: string | null): string {
  if (!label) return NO_VALUE;
  const [type, ...rest] = label.split(":");
  const name = rest.join(":");
  if (!name) return label;
  return { user: name, key: `API key ${name}`, cli: `${name} (command line)`, system: name }[type!] ?? label;
}
