// Deterministic demo data: a seeded simulation of the demo program's rollouts, streamed as ingestion events.
//
// The period is cut into hours. Each hour receives a share of the requested event count proportional to how busy
// it is (weekday working hours, rollouts that have started, adoption so far), so any event count spreads over the
// whole period and the total is exact. Within an hour, tasks start in time order; each task emits its events
// together and in causal order (output → review → incident → escalation → completion). Events that would fall at
// or after `end` are left out: those tasks are still in flight.
import type { IncomingEvent } from "../contract/event";
import type { ErrorCategory, OUTPUT_KINDS, Verdict } from "../contract/vocabulary";
import { mulberry32, standardNormal } from "../random";
import { demoContent } from "./content";
import {
  demoCohorts,
  demoRolloutPlans,
  startOfUtcWeek,
  type DemoCohortKey,
  type DemoWorkflowKey,
} from "./program";

export interface DemoOptions {
  /** Seed of the pseudo-random generator: equal options give equal events. Default 7. */
  seed?: number;
  /** Exactly this many events are emitted. Default 120 000. */
  events?: number;
  /** Length of the simulated period, which ends at `end`. Default 12. */
  weeks?: number;
  /** Exclusive end instant; default = start of the current UTC week (Monday 00:00Z). */
  end?: Date;
}

export const DEFAULT_DEMO_SEED = 7;
export const DEFAULT_DEMO_EVENTS = 120_000;
export const DEFAULT_DEMO_WEEKS = 12;

export const PREVIOUS_AGENT_VERSION = "1.4.0";
export const CURRENT_AGENT_VERSION = "1.5.0";
/** The current version shipped this many weeks before the end, recent enough for a drift check to catch it. */
const CURRENT_VERSION_WEEKS = 3;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/** Share of agent tasks that end with a completion event; the rest were abandoned or handled elsewhere. */
const COMPLETION_RATE = 0.96;
/** Light edits often come with a reason too, heavier corrections always do. */
const LIGHT_EDIT_CATEGORY_RATE = 0.3;
/** Outputs of the last two weeks carry content for the review queue. */
const CONTENT_DAYS = 14;

type OutputKind = (typeof OUTPUT_KINDS)[number];

interface WorkflowBehaviour {
  outputKind: OutputKind;
  /** Median time a person needs for one task without the agent. */
  manualMedianMs: number;
  /** Review error and incident categories, the most frequent first. */
  errorCategories: readonly ErrorCategory[];
  escalationReasons: readonly string[];
}

/** Shares of review verdicts; they add up to 1. */
interface VerdictMix {
  accepted: number;
  lightEdit: number;
  heavyEdit: number;
  rejected: number;
}

interface RolloutBehaviour {
  /** Work items per weekday, relative to the other rollouts: the generator scales all of them to the event count. */
  weekdayTasks: number;
  /** Share of the work done with the agent on the rollout's first day, and once adoption has levelled off. */
  adoptionAtStart: number;
  adoptionPlateau: number;
  adoptionRampWeeks: number;
  /** Share of agent outputs a person reviews. */
  reviewCoverage: number;
  verdicts: VerdictMix;
  /** Verdicts under the current agent version where it regressed; otherwise `verdicts` holds for both versions. */
  currentVersionVerdicts?: VerdictMix;
  escalationRate: number;
  /** Median agent cycle time as a share of the manual one. */
  cycleTimeRatio: number;
  /** Incidents per agent task. */
  incidentRate: number;
  /** Policy-violation incidents per agent task; only the rollout that is not ready has any. */
  policyViolationRate?: number;
}

const workflowBehaviour: Record<DemoWorkflowKey, WorkflowBehaviour> = {
  "ticket-triage": {
    outputKind: "classification",
    manualMedianMs: 14 * MINUTE_MS,
    errorCategories: ["incorrect_routing", "wrong_data_source", "other"],
    escalationReasons: ["Possible security incident", "Customer threatens to cancel", "Low classification confidence", "Strategic account"],
  },
  "meeting-followups": {
    outputKind: "draft",
    manualMedianMs: 25 * MINUTE_MS,
    errorCategories: ["hallucinated_fact", "poor_summarization", "wrong_data_source", "other"],
    escalationReasons: ["Pricing needs deal-desk approval", "Contract terms discussed", "Transcript incomplete", "Unhappy customer"],
  },
  "crm-enrichment": {
    outputKind: "action",
    manualMedianMs: 9 * MINUTE_MS,
    errorCategories: ["wrong_data_source", "permission_failure", "hallucinated_fact"],
    escalationReasons: ["Sources disagree on company size", "Record owned by another team", "Possible duplicate account"],
  },
  "contract-summaries": {
    outputKind: "recommendation",
    manualMedianMs: 45 * MINUTE_MS,
    errorCategories: ["poor_summarization", "hallucinated_fact", "other"],
    escalationReasons: ["Non-standard liability cap", "Governing law outside the playbook", "Scanned contract unreadable"],
  },
  "inbox-triage": {
    outputKind: "classification",
    manualMedianMs: 4 * MINUTE_MS,
    errorCategories: ["incorrect_routing", "other"],
    escalationReasons: ["Sender asks for a person", "Complaint", "No matching team"],
  },
  "invoice-coding": {
    outputKind: "action",
    manualMedianMs: 11 * MINUTE_MS,
    errorCategories: ["wrong_data_source", "incorrect_routing", "permission_failure", "other"],
    escalationReasons: ["Supplier not in vendor master", "Amount above approval limit", "Purchase order missing"],
  },
  "policy-answers": {
    outputKind: "draft",
    manualMedianMs: 20 * MINUTE_MS,
    errorCategories: ["wrong_data_source", "hallucinated_fact", "poor_summarization"],
    escalationReasons: ["Personal case", "Policy differs by country", "Possible grievance"],
  },
};

type RolloutKey = `${DemoWorkflowKey}/${DemoCohortKey}`;

const rolloutBehaviour: Partial<Record<RolloutKey, RolloutBehaviour>> = {
  // Ready to expand: precise, rarely escalated, 60% faster than by hand, and reviewed a lot.
  "ticket-triage/support-pilot": {
    weekdayTasks: 600,
    adoptionAtStart: 0.35,
    adoptionPlateau: 0.9,
    adoptionRampWeeks: 4,
    reviewCoverage: 0.9,
    verdicts: { accepted: 0.9, lightEdit: 0.05, heavyEdit: 0.03, rejected: 0.02 },
    escalationRate: 0.08,
    cycleTimeRatio: 0.4,
    incidentRate: 0.0005,
  },
  // Solid on 1.4.0; 1.5.0 misroutes this department's ticket mix.
  "ticket-triage/support-department": {
    weekdayTasks: 1500,
    adoptionAtStart: 0.8,
    adoptionPlateau: 0.85,
    adoptionRampWeeks: 1,
    reviewCoverage: 0.75,
    verdicts: { accepted: 0.86, lightEdit: 0.07, heavyEdit: 0.04, rejected: 0.03 },
    currentVersionVerdicts: { accepted: 0.72, lightEdit: 0.09, heavyEdit: 0.11, rejected: 0.08 },
    escalationRate: 0.12,
    cycleTimeRatio: 0.5,
    incidentRate: 0.001,
  },
  // Not ready: imprecise, heavily corrected and escalated, barely faster, and it has violated policy.
  "meeting-followups/sales-pilot": {
    weekdayTasks: 250,
    adoptionAtStart: 0.3,
    adoptionPlateau: 0.7,
    adoptionRampWeeks: 5,
    reviewCoverage: 0.8,
    verdicts: { accepted: 0.45, lightEdit: 0.3, heavyEdit: 0.15, rejected: 0.1 },
    escalationRate: 0.35,
    cycleTimeRatio: 0.7,
    incidentRate: 0.004,
    policyViolationRate: 0.003,
  },
  // Close to the action gate's bar, so the confidence intervals decide.
  "crm-enrichment/revops-pilot": {
    weekdayTasks: 300,
    adoptionAtStart: 0.3,
    adoptionPlateau: 0.85,
    adoptionRampWeeks: 4,
    reviewCoverage: 0.95,
    verdicts: { accepted: 0.9, lightEdit: 0.055, heavyEdit: 0.03, rejected: 0.015 },
    escalationRate: 0.14,
    cycleTimeRatio: 0.3,
    incidentRate: 0.001,
  },
  // Too young: promising, but two weeks of a small team are too few reviews for any gate.
  "contract-summaries/legal-pilot": {
    weekdayTasks: 60,
    adoptionAtStart: 0.25,
    adoptionPlateau: 0.8,
    adoptionRampWeeks: 6,
    reviewCoverage: 0.95,
    verdicts: { accepted: 0.7, lightEdit: 0.18, heavyEdit: 0.08, rejected: 0.04 },
    escalationRate: 0.2,
    cycleTimeRatio: 0.5,
    incidentRate: 0.002,
  },
  // Long established company-wide; review is a spot check.
  "inbox-triage/all-employees": {
    weekdayTasks: 2000,
    adoptionAtStart: 0.75,
    adoptionPlateau: 0.8,
    adoptionRampWeeks: 1,
    reviewCoverage: 0.7,
    verdicts: { accepted: 0.91, lightEdit: 0.05, heavyEdit: 0.025, rejected: 0.015 },
    escalationRate: 0.05,
    cycleTimeRatio: 0.35,
    incidentRate: 0.0003,
  },
  // Useful but too many heavy corrections for an action-tier expansion: hold.
  "invoice-coding/finance-pilot": {
    weekdayTasks: 250,
    adoptionAtStart: 0.3,
    adoptionPlateau: 0.8,
    adoptionRampWeeks: 4,
    reviewCoverage: 0.95,
    verdicts: { accepted: 0.86, lightEdit: 0.07, heavyEdit: 0.05, rejected: 0.02 },
    escalationRate: 0.18,
    cycleTimeRatio: 0.45,
    incidentRate: 0.002,
  },
  // Precise enough, but corrected too often: hold.
  "policy-answers/hr-pilot": {
    weekdayTasks: 150,
    adoptionAtStart: 0.3,
    adoptionPlateau: 0.75,
    adoptionRampWeeks: 4,
    reviewCoverage: 0.85,
    verdicts: { accepted: 0.72, lightEdit: 0.19, heavyEdit: 0.06, rejected: 0.03 },
    escalationRate: 0.22,
    cycleTimeRatio: 0.5,
    incidentRate: 0.001,
  },
};

/** One simulated rollout, with everything the per-task simulation needs at hand. */
interface Stream {
  workflow: DemoWorkflowKey;
  cohort: DemoCohortKey;
  cohortSize: number;
  actorPrefix: string;
  startMs: number;
  workflowBehaviour: WorkflowBehaviour;
  behaviour: RolloutBehaviour;
  /** Expected events per agent task, which weighs the stream when the event count is shared out. */
  eventsPerAgentTask: number;
}

/** How work is spread over the streams on one day of the period. */
interface DayPlan {
  /** Share of each stream's tasks done with the agent. */
  agentShare: Float64Array;
  /** Running sums of task rates: entry 2s is stream s's agent tasks, entry 2s + 1 its manual tasks. */
  cumulativeTaskRate: Float64Array;
  eventRate: number;
}

function buildStreams(endMs: number): Stream[] {
  return demoRolloutPlans.map((plan) => {
    const behaviour = rolloutBehaviour[`${plan.workflow}/${plan.cohort}`];
    if (!behaviour) throw new Error(`No demo behaviour for rollout ${plan.workflow}/${plan.cohort}`);
    const cohort = demoCohorts.find((candidate) => candidate.key === plan.cohort);
    if (!cohort) throw new Error(`Demo rollout ${plan.workflow}/${plan.cohort} names an unknown cohort`);
    const incidentRate = behaviour.incidentRate + (behaviour.policyViolationRate ?? 0);
    return {
      workflow: plan.workflow,
      cohort: plan.cohort,
      cohortSize: cohort.size,
      actorPrefix: `user-${plan.cohort}-`,
      startMs: endMs - plan.startedDaysBeforeEnd * DAY_MS,
      workflowBehaviour: workflowBehaviour[plan.workflow],
      behaviour,
      eventsPerAgentTask: 1 + behaviour.reviewCoverage + incidentRate + behaviour.escalationRate + COMPLETION_RATE,
    };
  });
}

function agentShareOn(stream: Stream, dayMs: number): number {
  if (dayMs < stream.startMs) return 0;
  const { adoptionAtStart, adoptionPlateau, adoptionRampWeeks } = stream.behaviour;
  const ramp = Math.min(1, (dayMs - stream.startMs) / (adoptionRampWeeks * WEEK_MS));
  return adoptionAtStart + (adoptionPlateau - adoptionAtStart) * ramp;
}

function planDay(streams: readonly Stream[], dayMs: number, volume: number): DayPlan {
  const agentShare = new Float64Array(streams.length);
  const cumulativeTaskRate = new Float64Array(2 * streams.length);
  let taskRate = 0;
  let eventRate = 0;
  streams.forEach((stream, index) => {
    const share = agentShareOn(stream, dayMs + DAY_MS / 2);
    const agentTasks = stream.behaviour.weekdayTasks * volume * share;
    const manualTasks = stream.behaviour.weekdayTasks * volume * (1 - share);
    agentShare[index] = share;
    taskRate += agentTasks;
    cumulativeTaskRate[2 * index] = taskRate;
    taskRate += manualTasks;
    cumulativeTaskRate[2 * index + 1] = taskRate;
    eventRate += agentTasks * stream.eventsPerAgentTask + manualTasks;
  });
  return { agentShare, cumulativeTaskRate, eventRate };
}

/** Relative activity in a UTC hour: a working day of the company's main (European) offices, quiet weekends. */
function activityAt(hourStartMs: number): number {
  const instant = new Date(hourStartMs);
  const weekday = instant.getUTCDay();
  const hour = instant.getUTCHours();
  if (weekday === 0 || weekday === 6) return hour >= 9 && hour < 18 ? 0.08 : 0.01;
  if (hour >= 8 && hour < 17) return hour === 12 ? 0.75 : 1;
  if (hour === 7 || hour === 17) return 0.45;
  if (hour >= 18 && hour < 21) return 0.12;
  return 0.02;
}

/** Task durations are right-skewed: most are near the median, a few take far longer. */
function logNormal(random: () => number, median: number, sigma: number): number {
  return Math.max(1, Math.round(median * Math.exp(sigma * standardNormal(random))));
}

function pickVerdict(mix: VerdictMix, draw: number): Verdict {
  if (draw < mix.accepted) return "accepted";
  if (draw < mix.accepted + mix.lightEdit) return "light_edit";
  if (draw < mix.accepted + mix.lightEdit + mix.heavyEdit) return "heavy_edit";
  return "rejected";
}

/** Picks from a list ordered most frequent first: squaring a uniform draw favours the early entries. */
function pickFavouringFirst<T>(items: readonly T[], random: () => number): T {
  const draw = random();
  return items[Math.floor(draw * draw * items.length)] as T;
}

/** Correction effort lengthens the cycle: a rejected output means the person did the task by hand after all. */
function cycleTimeFactor(verdict: Verdict | null, cycleTimeRatio: number): number {
  if (verdict === "rejected") return 0.9 / cycleTimeRatio;
  if (verdict === "heavy_edit") return 1.6;
  return 1;
}

/** The state one generation run shares between tasks. */
interface Simulation {
  random: () => number;
  endMs: number;
  currentVersionFromMs: number;
  idPrefix: string;
  taskPrefix: string;
  /** Event ids count per workflow, as each agent numbers its own: the same id recurs in every workflow. */
  nextEvent: Map<string, number>;
  nextTask: number;
}

/** The next event id of a workflow (an event is identified by its workflow and id; see lib/ingest/identity.ts). */
function nextEventId(sim: Simulation, workflow: string): string {
  const n = sim.nextEvent.get(workflow) ?? 0;
  sim.nextEvent.set(workflow, n + 1);
  return sim.idPrefix + n;
}

function contentOf(workflow: DemoWorkflowKey, taskNumber: number): { content?: NonNullable<ReturnType<typeof demoContent>> } {
  const content = demoContent(workflow, taskNumber);
  return content ? { content } : {};
}

function simulateAgentTask(sim: Simulation, stream: Stream, agentShare: number, startMs: number, out: IncomingEvent[]): void {
  const { random, endMs } = sim;
  const { workflow, cohort, behaviour, workflowBehaviour: work } = stream;
  const taskNumber = sim.nextTask++;
  const taskId = sim.taskPrefix + taskNumber;
  const agentVersion = startMs >= sim.currentVersionFromMs ? CURRENT_AGENT_VERSION : PREVIOUS_AGENT_VERSION;
  // Adoption grows by people: only the first share of the cohort uses the agent so far.
  const adopters = Math.max(1, Math.ceil(stream.cohortSize * agentShare));
  const actor = stream.actorPrefix + Math.floor(random() * adopters);

  const reviewed = random() < behaviour.reviewCoverage;
  const mix =
    agentVersion === CURRENT_AGENT_VERSION && behaviour.currentVersionVerdicts
      ? behaviour.currentVersionVerdicts
      : behaviour.verdicts;
  const verdict = reviewed ? pickVerdict(mix, random()) : null;
  const escalated = random() < behaviour.escalationRate;
  const incidentDraw = random();
  const completed = random() < COMPLETION_RATE;
  const durationMs = logNormal(
    random,
    work.manualMedianMs * behaviour.cycleTimeRatio * cycleTimeFactor(verdict, behaviour.cycleTimeRatio) * (escalated ? 2 : 1),
    0.6,
  );
  // Follow-up events happen at increasing fractions of the task's duration, which keeps them in causal order.
  const at = (fraction: number) => startMs + Math.round(durationMs * fraction);

  out.push({
    id: nextEventId(sim, workflow),
    type: "output",
    workflow,
    cohort,
    taskId,
    occurredAt: new Date(startMs).toISOString(),
    actor,
    agentVersion,
    outputKind: work.outputKind,
    // Recent outputs carry content for the review queue (older content would be past reviewContentDays).
    ...(endMs - startMs <= CONTENT_DAYS * DAY_MS ? contentOf(workflow, taskNumber) : {}),
  });

  if (verdict) {
    const reviewedAt = at(0.1 + 0.35 * random());
    const categorised = verdict === "heavy_edit" || verdict === "rejected" || (verdict === "light_edit" && random() < LIGHT_EDIT_CATEGORY_RATE);
    if (reviewedAt < endMs) {
      out.push({
        id: nextEventId(sim, workflow),
        type: "review",
        workflow,
        cohort,
        taskId,
        occurredAt: new Date(reviewedAt).toISOString(),
        actor,
        agentVersion,
        verdict,
        ...(categorised ? { errorCategory: pickFavouringFirst(work.errorCategories, random) } : {}),
      });
    }
  }

  const policyViolationRate = behaviour.policyViolationRate ?? 0;
  if (incidentDraw < policyViolationRate + behaviour.incidentRate) {
    const policyViolation = incidentDraw < policyViolationRate;
    const reportedAt = at(0.5 + 0.05 * random());
    if (reportedAt < endMs) {
      out.push({
        id: nextEventId(sim, workflow),
        type: "incident",
        workflow,
        cohort,
        taskId,
        occurredAt: new Date(reportedAt).toISOString(),
        actor,
        agentVersion,
        category: policyViolation ? "policy_violation" : pickFavouringFirst(work.errorCategories, random),
        severity: policyViolation ? 1 : random() < 0.3 ? 2 : 3,
      });
    }
  }

  if (escalated) {
    const escalatedAt = at(0.6 + 0.3 * random());
    if (escalatedAt < endMs) {
      out.push({
        id: nextEventId(sim, workflow),
        type: "escalation",
        workflow,
        cohort,
        taskId,
        occurredAt: new Date(escalatedAt).toISOString(),
        actor,
        agentVersion,
        reason: work.escalationReasons[Math.floor(random() * work.escalationReasons.length)],
      });
    }
  }

  const completedAt = at(1);
  if (completed && completedAt < endMs) {
    out.push({
      id: nextEventId(sim, workflow),
      type: "completion",
      workflow,
      cohort,
      taskId,
      occurredAt: new Date(completedAt).toISOString(),
      actor,
      agentVersion,
      mode: "agent",
      durationMs,
    });
  }
}

/** A task done without the agent: the baseline. It is reported when it completes, hence at `completedMs`. */
function simulateManualTask(sim: Simulation, stream: Stream, completedMs: number, out: IncomingEvent[]): void {
  out.push({
    id: nextEventId(sim, stream.workflow),
    type: "completion",
    workflow: stream.workflow,
    cohort: stream.cohort,
    taskId: sim.taskPrefix + sim.nextTask++,
    occurredAt: new Date(completedMs).toISOString(),
    actor: stream.actorPrefix + Math.floor(sim.random() * stream.cohortSize),
    mode: "manual",
    durationMs: logNormal(sim.random, stream.workflowBehaviour.manualMedianMs, 0.5),
  });
}

function checkedOptions(options: DemoOptions): Required<DemoOptions> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const events = options.events ?? DEFAULT_DEMO_EVENTS;
  const weeks = options.weeks ?? DEFAULT_DEMO_WEEKS;
  const end = options.end ?? startOfUtcWeek(new Date());
  if (!Number.isSafeInteger(seed)) throw new RangeError("seed must be an integer");
  if (!Number.isSafeInteger(events) || events < 0) throw new RangeError("events must be a non-negative integer");
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520) throw new RangeError("weeks must be an integer from 1 to 520");
  if (Number.isNaN(end.getTime())) throw new RangeError("end must be a valid date");
  return { seed, events, weeks, end };
}

/**
 * Streams exactly `events` demo events for the rollouts of the demo program (see ./program.ts, whose
 * `buildDemoProgram(end)` dates the rollouts to match), deterministic for equal options. Memory use does not grow
 * with the event count.
 */
export function* generateDemoEvents(options: DemoOptions = {}): Generator<IncomingEvent> {
  const { seed, events: total, weeks, end } = checkedOptions(options);
  const endMs = end.getTime();
  const startMs = endMs - weeks * WEEK_MS;
  const random = mulberry32(seed);
  const streams = buildStreams(endMs);

  const days: DayPlan[] = [];
  for (let dayMs = startMs; dayMs < endMs; dayMs += DAY_MS) {
    // Some days are busier than others, for every team alike.
    days.push(planDay(streams, dayMs, 0.85 + 0.3 * random()));
  }
  const hourCount = weeks * 7 * 24;
  const cumulativeHourWeight = new Float64Array(hourCount);
  let totalWeight = 0;
  for (let hour = 0; hour < hourCount; hour++) {
    totalWeight += (days[Math.floor(hour / 24)] as DayPlan).eventRate * activityAt(startMs + hour * HOUR_MS);
    cumulativeHourWeight[hour] = totalWeight;
  }

  const sim: Simulation = {
    random,
    endMs,
    currentVersionFromMs: endMs - CURRENT_VERSION_WEEKS * WEEK_MS,
    idPrefix: `demo-${seed}-`,
    taskPrefix: `demo-${seed}-task-`,
    nextEvent: new Map(),
    nextTask: 0,
  };
  const taskEvents: IncomingEvent[] = [];
  let emitted = 0;
  for (let hour = 0; hour < hourCount && emitted < total; hour++) {
    // The last hour takes whatever rounding left over, so the total is exact.
    const target =
      hour === hourCount - 1 ? total : Math.floor((total * (cumulativeHourWeight[hour] as number)) / totalWeight);
    if (target <= emitted) continue;
    const day = days[Math.floor(hour / 24)] as DayPlan;
    const taskRate = day.cumulativeTaskRate[day.cumulativeTaskRate.length - 1] as number;
    const hourStartMs = startMs + hour * HOUR_MS;
    const lastMsOfHour = hourStartMs + HOUR_MS - 1;
    // Start times step forward by random gaps averaging the hour divided by the expected number of tasks.
    const meanGapMs = (HOUR_MS * day.eventRate) / taskRate / (target - emitted);
    let taskStartMs = hourStartMs;
    while (emitted < target) {
      taskStartMs = Math.min(lastMsOfHour, taskStartMs + Math.floor(2 * meanGapMs * random()));
      const draw = random() * taskRate;
      let slot = 0;
      while (slot < day.cumulativeTaskRate.length - 1 && draw >= (day.cumulativeTaskRate[slot] as number)) slot++;
      const streamIndex = slot >> 1;
      const stream = streams[streamIndex] as Stream;
      taskEvents.length = 0;
      if (slot % 2 === 0) {
        simulateAgentTask(sim, stream, day.agentShare[streamIndex] as number, taskStartMs, taskEvents);
      } else {
        simulateManualTask(sim, stream, taskStartMs, taskEvents);
      }
      for (const event of taskEvents) {
        yield event;
        if (++emitted === total) return;
      }
    }
  }
}
