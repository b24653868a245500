// Verdicts and statuses as badges: always an icon and a word, so colour is never the only carrier of meaning.
import type { Verdict } from "@/lib/gates/verdict";
import type { CriterionVerdict } from "@/lib/gates/evaluate";
import type { Decision } from "@/lib/contract/scorecard";
import type { Phase } from "@/lib/contract/vocabulary";
import {
  CHECKLIST_STATUS_LABELS,
  CRITERION_VERDICT_LABELS,
  DECISION_LABELS,
  NO_GATE_LABEL,
  PHASE_LABELS,
  VERDICT_DESCRIPTIONS,
  VERDICT_LABELS,
} from "@/lib/ui/labels";
import { CheckIcon, CircleIcon, CrossIcon, DashIcon, DotsIcon, HalfCircleIcon, PauseIcon, QuestionIcon } from "./icons";

export const VERDICT_ICONS: Record<Verdict, typeof CheckIcon> = { go: CheckIcon, hold: PauseIcon, no_go: CrossIcon };

export function VerdictBadge({ verdict, size = "md" }: { verdict: Verdict; size?: "sm" | "md" | "lg" }) {
  const Icon = VERDICT_ICONS[verdict];
  return (
    <span className={`badge verdict verdict-${verdict} badge-${size}`} title={VERDICT_DESCRIPTIONS[verdict]}>
      <Icon size={size === "lg" ? 20 : size === "sm" ? 12 : 14} />
      <span>{VERDICT_LABELS[verdict]}</span>
    </span>
  );
}

export function NoGateBadge({ reason }: { reason?: string }) {
  return (
    <span className="badge verdict verdict-none badge-md" title={reason ?? "No gate template applies to this rollout's phase"}>
      <DashIcon size={14} />
      <span>{NO_GATE_LABEL}</span>
    </span>
  );
}

const CRITERIA: Record<CriterionVerdict, { Icon: typeof CheckIcon; tone: string }> = {
  pass: { Icon: CheckIcon, tone: "go" },
  fail: { Icon: CrossIcon, tone: "no_go" },
  inconclusive: { Icon: QuestionIcon, tone: "hold" },
  insufficient: { Icon: DotsIcon, tone: "hold" },
};

export function CriterionBadge({ verdict }: { verdict: CriterionVerdict }) {
  const { Icon, tone } = CRITERIA[verdict];
  return (
    <span className={`badge status status-${tone}`}>
      <Icon size={12} />
      <span>{CRITERION_VERDICT_LABELS[verdict]}</span>
    </span>
  );
}

/** A decision looks like the verdict it agrees with. */
const DECISION_TONES: Record<Decision, Verdict> = { go: "go", extend: "hold", no_go: "no_go" };

export function DecisionBadge({ decision }: { decision: Decision }) {
  const tone = DECISION_TONES[decision];
  const Icon = VERDICT_ICONS[tone];
  return (
    <span className={`badge verdict verdict-${tone} badge-md`}>
      <Icon size={14} />
      <span>{DECISION_LABELS[decision].toUpperCase()}</span>
    </span>
  );
}

const CHECKLIST_ICONS = { done: CheckIcon, in_progress: HalfCircleIcon, not_started: CircleIcon } as const;
const CHECKLIST_TONES = { done: "go", in_progress: "hold", not_started: "neutral" } as const;

export function ChecklistBadge({ status }: { status: "not_started" | "in_progress" | "done" }) {
  const Icon = CHECKLIST_ICONS[status];
  return (
    <span className={`badge status status-${CHECKLIST_TONES[status]}`}>
      <Icon size={12} />
      <span>{CHECKLIST_STATUS_LABELS[status]}</span>
    </span>
  );
}

export function PhaseTag({ phase }: { phase: Phase }) {
  return <span className={`tag phase phase-${phase}`}>{PHASE_LABELS[phase]}</span>;
}
