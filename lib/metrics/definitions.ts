// The rate metrics, defined in one place. Every rate is a share of something counted, reported with its 95% Wilson
// interval, and has no estimate (all null) when its denominator is 0.
import { noEstimate, wilson, type Interval } from "./wilson";

/** Human reviews of outputs; each has exactly one verdict, so reviews = accepted + lightEdits + heavyEdits + rejected. */
export interface ReviewCounts {
  reviews: number;
  accepted: number;
  lightEdits: number;
  heavyEdits: number;
  rejected: number;
}

export interface TaskCounts {
  /** Distinct tasks the agent worked on. */
  tasks: number;
  /** Of those tasks, the ones escalated to a human. */
  escalatedTasks: number;
}

/** What the rates are computed from, for one workflow and cohort over one window. */
export interface MetricCounts extends ReviewCounts, TaskCounts {
  /** Outputs the agent produced. */
  outputs: number;
  /** Distinct people who used the agent. */
  activeActors: number;
  /** People in the cohort, when configured. */
  cohortSize: number | null;
}

export interface Rates {
  /** Share of reviewed outputs accepted as they were or with light edits: (accepted + lightEdits) / reviews. */
  precision: Interval;
  /** Share of reviewed outputs a reviewer changed at all: (lightEdits + heavyEdits + rejected) / reviews. */
  correctionRate: Interval;
  /** Share of reviewed outputs heavily edited or rejected: (heavyEdits + rejected) / reviews. */
  heavyCorrectionRate: Interval;
  /** Share of outputs a human reviewed: reviews / outputs, capped at 1. */
  reviewCoverage: Interval;
  /** Share of tasks escalated to a human: escalatedTasks / tasks. */
  escalationRate: Interval;
  /** Share of the cohort that used the agent: activeActors / cohortSize, capped at 1; none without a cohort size. */
  adoptionRate: Interval;
}

/** A share whose numerator may legitimately exceed its denominator in real data; it is then reported as 1. */
function cappedShare(successes: number, trials: number): Interval {
  return wilson(Math.min(successes, trials), trials);
}

/** Every rate but adoption: those of reviews and tasks alone, which need neither the actors nor the cohort. */
export function reviewAndTaskRates(c: Omit<MetricCounts, "activeActors" | "cohortSize">): Omit<Rates, "adoptionRate"> {
  return {
    precision: wilson(c.accepted + c.lightEdits, c.reviews),
    correctionRate: wilson(c.lightEdits + c.heavyEdits + c.rejected, c.reviews),
    heavyCorrectionRate: wilson(c.heavyEdits + c.rejected, c.reviews),
    // A window's reviews can include outputs produced before it, so reviews may outnumber outputs; "everything was
    // reviewed" is the honest reading then.
    reviewCoverage: cappedShare(c.reviews, c.outputs),
    escalationRate: wilson(c.escalatedTasks, c.tasks),
  };
}

export function computeRates(c: MetricCounts): Rates {
  return {
    ...reviewAndTaskRates(c),
    // Actors the configured cohort size did not anticipate (joiners, a stale size) can push actors past it.
    adoptionRate: c.cohortSize === null ? noEstimate() : cappedShare(c.activeActors, c.cohortSize),
  };
}
