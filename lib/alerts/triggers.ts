// What changed → which alerts. Pure: each trigger turns what happened into a cause (what the alert says, and a
// `cause` key naming the one thing it is about), and the rules route a cause to channels. The outbox stores one alert
// per cause and channel and refuses a second with the same key, so each cause alerts each channel once.
import { DEFAULT_MAX_SEVERITY, DEFAULT_QUIET_HOURS, type AlertRule, type AlertTrigger } from "@/lib/contract/alerts";
import type { DriftFinding } from "@/lib/gates/drift";
import type { Verdict } from "@/lib/gates/verdict";
import { addDays, localDay } from "@/lib/time";

export interface AlertCause {
  trigger: AlertTrigger;
  /** Names the one thing the alert is about, e.g. "incident.created:ticket-triage:evt-1". */
  cause: string;
  workflow: string | null;
  cohort: string | null;
  /** When it happened: the payload's timestamp. */
  at: Date;
  /** The page to open, relative to Tollgate's public URL. */
  page: string;
  /** The facts of the trigger (the payload's data, without `url`). */
  facts: Record<string, unknown>;
  /** incident.created: the incident's severity, against a rule's maxSeverity. */
  severity?: number;
  /** workflow.quiet: whole hours since the last event, against a rule's quietHours. */
  hoursQuiet?: number;
}

const scorecardPage = (workflow: string, cohort: string) => `/scorecards/${encodeURIComponent(workflow)}/${encodeURIComponent(cohort)}`;

/** The channels a cause goes to: those of every rule it matches, each once. */
export function channelsFor(cause: AlertCause, rules: readonly AlertRule[]): string[] {
  const channels = new Set<string>();
  for (const rule of rules) {
    if (!rule.on.includes(cause.trigger)) continue;
    if (rule.workflows && (cause.workflow === null || !rule.workflows.includes(cause.workflow))) continue;
    if (cause.severity !== undefined && cause.severity > (rule.maxSeverity ?? DEFAULT_MAX_SEVERITY)) continue;
    if (cause.hoursQuiet !== undefined && cause.hoursQuiet < (rule.quietHours ?? DEFAULT_QUIET_HOURS)) continue;
    channels.add(rule.channel);
  }
  return [...channels];
}

export interface IncidentEvent {
  id: string;
  type: string;
  workflow: string;
  cohort: string;
  category: string | null;
  severity: number | null;
  occurredAt: Date;
}

/** incident.created: one cause per incident among newly stored events (a re-sent event is not new). */
export function incidentsCreated(events: readonly IncidentEvent[], at: Date): AlertCause[] {
  return events
    .filter((event) => event.type === "incident")
    .map((event) => ({
      trigger: "incident.created",
      cause: `incident.created:${event.workflow}:${event.id}`,
      workflow: event.workflow,
      cohort: event.cohort,
      at,
      page: scorecardPage(event.workflow, event.cohort),
      severity: event.severity ?? undefined,
      facts: {
        workflow: event.workflow,
        cohort: event.cohort,
        eventId: event.id,
        category: event.category,
        severity: event.severity,
        occurredAt: event.occurredAt.toISOString(),
      },
    }));
}

export interface Evaluation {
  workflow: string;
  cohort: string;
  phase: string;
  template: { key: string; version: number };
  verdict: Verdict;
  reasons: string[];
  drift: DriftFinding[];
}

export interface PreviousEvaluation {
  verdict: Verdict;
  /** regressionKey of each regression the previous evaluation showed. */
  regressions: readonly string[];
  /** How often the verdict had changed before. */
  changes: number;
}

export const regressionKey = (finding: Pick<DriftFinding, "metric" | "newer" | "older">) => `${finding.metric} ${finding.newer} ${finding.older}`;

/**
 * verdict.changed when the verdict differs from the previous evaluation's, and drift.regression for each regression
 * the previous evaluation did not show. A first evaluation has nothing to differ from: it alerts nothing.
 */
export function evaluationChanges(previous: PreviousEvaluation | null, current: Evaluation, at: Date): AlertCause[] {
  if (!previous) return [];
  const { workflow, cohort } = current;
  const page = scorecardPage(workflow, cohort);
  const base = { workflow, cohort, phase: current.phase, template: current.template.key };
  const causes: AlertCause[] = [];
  if (previous.verdict !== current.verdict) {
    causes.push({
      trigger: "verdict.changed",
      cause: `verdict.changed:${workflow}:${cohort}:${previous.changes + 1}`,
      workflow,
      cohort,
      at,
      page,
      facts: { ...base, from: previous.verdict, to: current.verdict, reasons: current.reasons },
    });
  }
  const shown = new Set(previous.regressions);
  for (const finding of current.drift) {
    if (!finding.regression || shown.has(regressionKey(finding))) continue;
    causes.push({
      trigger: "drift.regression",
      cause: `drift.regression:${workflow}:${cohort}:${regressionKey(finding).replaceAll(" ", ":")}`,
      workflow,
      cohort,
      at,
      page,
      facts: {
        ...base,
        metric: finding.metric,
        newer: finding.newer,
        older: finding.older,
        newerValue: finding.newerValue,
        olderValue: finding.olderValue,
        difference: finding.difference,
        reason: finding.reason,
      },
    });
  }
  return causes;
}

export interface WorkflowActivity {
  workflow: string;
  /** The newest event of the workflow, in any cohort. */
  lastEventAt: Date;
  /** Local days with events, at least those of the week before lastEventAt. */
  days: ReadonlySet<string>;
}

/** How many days in a row a workflow must have had events before its silence is worth an alert. */
export const STEADY_DAYS = 7;

/**
 * workflow.quiet: a workflow that had events on each of the 7 days up to its last event and none for at least an
 * hour since (each rule then asks for its own quietHours). One quiet spell is one cause, named by its last event.
 */
export function quietWorkflows(activity: readonly WorkflowActivity[], now: Date, timezone: string): AlertCause[] {
  return activity.flatMap(({ workflow, lastEventAt, days }) => {
    const hoursQuiet = Math.floor((now.getTime() - lastEventAt.getTime()) / 3_600_000);
    const lastDay = localDay(lastEventAt, timezone);
    const steady = Array.from({ length: STEADY_DAYS }, (_, i) => addDays(lastDay, -i)).every((day) => days.has(day));
    if (hoursQuiet < 1 || !steady) return [];
    return [
      {
        trigger: "workflow.quiet" as const,
        cause: `workflow.quiet:${workflow}:${lastEventAt.toISOString()}`,
        workflow,
        cohort: null,
        at: now,
        page: `/workflows/${encodeURIComponent(workflow)}`,
        hoursQuiet,
        facts: { workflow, cohort: null, lastEventAt: lastEventAt.toISOString(), hoursQuiet },
      },
    ];
  });
}

export interface DecisionFacts {
  id: string;
  workflow: string;
  cohort: string;
  decision: string;
  rationale: string;
  override: string | null;
  computedVerdict: string;
  fromPhase: string;
  toPhase: string | null;
  snapshotSha256: string;
  decidedAt: Date;
}

/** decision.recorded: the board's decision with its rationale and the SHA-256 of the scorecard it froze. */
export function decisionRecorded(decision: DecisionFacts): AlertCause {
  const { id, decidedAt, ...facts } = decision;
  return {
    trigger: "decision.recorded",
    cause: `decision.recorded:${id}`,
    workflow: decision.workflow,
    cohort: decision.cohort,
    at: decidedAt,
    page: scorecardPage(decision.workflow, decision.cohort),
    facts: { ...facts, decisionId: id, decidedAt: decidedAt.toISOString() },
  };
}

export interface SourceFailure {
  /** The source's key (an import or a scheduled pull). */
  source: string;
  workflow: string | null;
  /** What went wrong, in words, without secrets (no tokens, no URLs with credentials). */
  error: string;
  failedAt: Date;
  /** The page about the source. */
  page: string;
}

/** source.failing: a Microsoft 365 source failed to import or pull; each failure (source and time) is one cause. */
export function sourceFailing(failure: SourceFailure): AlertCause {
  return {
    trigger: "source.failing",
    cause: `source.failing:${failure.source}:${failure.failedAt.toISOString()}`,
    workflow: failure.workflow,
    cohort: null,
    at: failure.failedAt,
    page: failure.page,
    facts: { source: failure.source, workflow: failure.workflow, cohort: null, error: failure.error, failedAt: failure.failedAt.toISOString() },
  };
}
