// The gate's decision, from its criteria, its readiness checklist and the drift between agent versions. Any failing
// criterion stops the rollout (no-go); going ahead needs every criterion passed, every required checklist item done
// and no regression in the newest agent version; anything else is a hold, with reasons saying what is missing.
import type { Decision } from "@/lib/contract/scorecard";
import type { CHECKLIST_ITEMS } from "@/lib/contract/vocabulary";
import type { Agreement } from "@/lib/metrics/agreement";
import type { DriftFinding } from "./drift";
import type { CriterionResult } from "./evaluate";
import { formatCount, formatShare } from "./format";

export type ChecklistStatus = "not_started" | "in_progress" | "done";
export type Verdict = "go" | "hold" | "no_go";

/** The computed verdict each board decision agrees with; deciding otherwise needs an override note. */
export const AGREEING_VERDICT: Record<Decision, Verdict> = { go: "go", extend: "hold", no_go: "no_go" };

export interface VerdictInput {
  criteria: CriterionResult[];
  /** The checklist items the gate template requires. */
  requiredChecklist: string[];
  /** Each item's status; an item with none is not started. */
  checklist: Record<string, ChecklistStatus | undefined>;
  drift: DriftFinding[];
  /** How well reviewers agreed on the window's double-reviewed items; absent where nothing is double-reviewed. */
  agreement?: Pick<Agreement, "n" | "kappa">;
}

/**
 * The reason given for a go. A go carries one, so a scorecard can always show why it reached its verdict and a
 * go never looks like a decision that had nothing to go on.
 */
export const GO_REASON =
  "every criterion passes, every required checklist item is done and no newer agent version regressed";

/** Said when there is nothing to judge by: a gate without criteria must not wave a rollout through. */
export const NO_CRITERIA_REASON = "the gate has no criteria to judge by";

/**
 * Reviewer agreement a go needs once there is enough of it to judge: with at least 30 double-reviewed items, a
 * kappa below 0.6 (short of "substantial" agreement) means reviewers apply the verdicts too differently for a
 * precision built from their verdicts to be trusted, however well it scores.
 */
const MIN_AGREEMENT_ITEMS = 30;
const MIN_KAPPA = 0.6;
export const LOW_AGREEMENT_REASON = "reviewers agree too rarely for precision to be trusted";

function agreementReason(agreement: VerdictInput["agreement"]): string[] {
  if (agreement === undefined || agreement.n < MIN_AGREEMENT_ITEMS) return [];
  const kappa = agreement.kappa.value;
  // No kappa means chance alone explains the agreement: every item got the same class from both, no disagreement.
  if (kappa === null || kappa >= MIN_KAPPA) return [];
  const figure = `kappa ${formatShare(kappa)} on ${formatCount(agreement.n)} double-reviewed items`;
  return [`${LOW_AGREEMENT_REASON} (${figure}, below ${formatShare(MIN_KAPPA)})`];
}

const CHECKLIST_NAMES: Record<(typeof CHECKLIST_ITEMS)[number], string> = {
  identity: "identity",
  tenant_controls: "tenant controls",
  audit_logging: "audit logging",
  human_approval: "human approval",
  metrics: "metrics",
  retention: "retention",
};

const UNFINISHED: Record<Exclude<ChecklistStatus, "done">, string> = {
  not_started: "is not started",
  in_progress: "is in progress",
};

/** An item's name for people; an item outside the vocabulary is named after its key. */
function checklistName(item: string): string {
  return isChecklistItem(item) ? CHECKLIST_NAMES[item] : item.replaceAll("_", " ");
}

function isChecklistItem(item: string): item is keyof typeof CHECKLIST_NAMES {
  return Object.hasOwn(CHECKLIST_NAMES, item);
}

/**
 * Reasons come in order of weight: failing criteria, then reviewers who agree too rarely, then criteria the data
 * cannot decide yet, then unfinished checklist items, then regressions between agent versions.
 */
export function decideVerdict(input: VerdictInput): { verdict: Verdict; reasons: string[] } {
  const failing = input.criteria
    .filter((criterion) => criterion.verdict === "fail")
    .map((criterion) => criterion.reason);
  const undecided = input.criteria
    .filter((criterion) => criterion.verdict === "inconclusive" || criterion.verdict === "insufficient")
    .map((criterion) => criterion.reason);
  const unfinished = [...new Set(input.requiredChecklist)].flatMap((item) => {
    const status = input.checklist[item] ?? "not_started";
    return status === "done" ? [] : [`${checklistName(item)} ${UNFINISHED[status]}`];
  });
  const regressions = input.drift
    .filter((finding) => finding.regression)
    .map((finding) => `${finding.reason}; the newer version regressed`);

  const reasons = [...failing, ...agreementReason(input.agreement), ...undecided, ...unfinished, ...regressions];
  if (failing.length > 0) return { verdict: "no_go", reasons };
  if (input.criteria.length === 0) return { verdict: "hold", reasons: [NO_CRITERIA_REASON, ...reasons] };
  if (reasons.length > 0) return { verdict: "hold", reasons };
  return { verdict: "go", reasons: [GO_REASON] };
}
