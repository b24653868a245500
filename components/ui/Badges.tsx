// Verdicts and statuses as badges: always an icon and a word, so colour is never the only carrier of meaning.
import type { Verdict } from "@/lib/gates/verdict";
import type { CriterionVerdict } from "@/lib/gates/evaluate";
import type { Decision } from "@/lib/contract/scorecard";
import type { Phase } from "@/lib/contract/vocabulary";
import { CHECKLIST_STATUS_LABELS, PHASE_LABELS } from "@/lib/ui/labels";
import { CheckIcon, CircleIcon, CrossIcon, DashIcon, DotsIcon, HalfCircleIcon, PauseIcon, QuestionIcon } from "./icons";

const VERDICTS: Record<Verdict, { word: string; Icon: typeof CheckIcon; title: string }> = {
  go: { word: "GO", Icon: CheckIcon, title: "Go: the rollout may move to its next phase" },
  hold: { word: "HOLD", Icon: PauseIcon, title: "Hold: not enough evidence yet, or unfinished readiness" },
  no_go: { word: "NO-GO", Icon: CrossIcon, title: "No-go: a gate criterion fails" },
};

export function VerdictBadge({ verdict, size = "md" }: { verdict: Verdict; size?: "sm" | "md" | "lg" }) {
  const { word, Icon, title } = VERDICTS[verdict];
  return (
    <span className={`badge verdict verdict-${verdict} badge-${size}`} title={title}>
      <Icon size={size === "lg" ? 20 : size === "sm" ? 12 : 14} />
      <span>{word}</span>
    </span>
  );
}

export function NoGateBadge({ reason }: { reason?: string }) {
  return (
    <span className="badge verdict verdict-none badge-md" title={reason ?? "No gate template applies to this rollout's phase"}>
      <DashIcon size={14} />
      <span>No gate</span>
    </span>
  );
}

const CRITERIA: Record<CriterionVerdict, { word: string; Icon: typeof CheckIcon; tone: string }> = {
  pass: { word: "Pass", Icon: CheckIcon, tone: "go" },
  fail: { word: "Fail", Icon: CrossIcon, tone: "no_go" },
  inconclusive: { word: "Inconclusive", Icon: QuestionIcon, tone: "hold" },
  insufficient: { word: "Not enough data", Icon: DotsIcon, tone: "hold" },
};

export function CriterionBadge({ verdict }: { verdict: CriterionVerdict }) {
  const { word, Icon, tone } = CRITERIA[verdict];
  return (
    <span className={`badge status status-${tone}`}>
      <Icon size={12} />
      <span>{word}</span>
    </span>
  );
}

const DECISIONS: Record<Decision, { word: string; Icon: typeof CheckIcon; tone: string }> = {
  go: { word: "GO", Icon: CheckIcon, tone: "go" },
  extend: { word: "EXTEND", Icon: PauseIcon, tone: "hold" },
  no_go: { word: "NO-GO", Icon: CrossIcon, tone: "no_go" },
};

export function DecisionBadge({ decision }: { decision: Decision }) {
  const { word, Icon, tone } = DECISIONS[decision];
  return (
    <span className={`badge verdict verdict-${tone} badge-md`}>
      <Icon size={14} />
      <span>{word}</span>
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
