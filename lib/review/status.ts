// The queue's state for a workflow (and cohort): what waits, what is claimed, what was done this week against the
// week's target, and the reviews still needed per review-based criterion of each sampled rollout's gate.
import type { Database } from "@/lib/db/database";
import { readQueueCounts } from "@/lib/db/queries/readQueueCounts";
import { readReviewRates } from "@/lib/db/queries/readReviewRates";
import { countOutputsSince } from "@/lib/db/queries/countOutputsSince";
import { requireWorkflow } from "@/lib/db/queries/requireWorkflow";
import { requireCohort } from "@/lib/db/queries/requireCohort";
import { installationTimezone } from "@/lib/time/installation";
import { addDays, startOfLocalDay, today, weekStart } from "@/lib/time";
import { evaluateScorecards, type ScorecardResult } from "@/lib/scorecards/scorecard";
import { listRollouts } from "@/lib/db/queries/listRollouts";
import { periodKey } from "@/lib/db/queries/rollupFilter";
import { reviewsStillNeeded, type ReviewsStillNeeded } from "@/lib/gates/stillNeeded";
import { weeksLeftInWindow } from "@/lib/gates/window";
import type { Principal } from "@/lib/auth/authorize";
import { requireReviewer } from "./queue";
import { weeklyTarget } from "./target";

export interface CohortNeeds {
  cohort: string;
  /** The gate the rollout is judged by next; null when no template leaves its phase. */
  template: string | null;
  stillNeeded: ReviewsStillNeeded[];
  weeklyTarget: number;
}

export interface QueueStatus {
  workflow: string;
  cohort: string | null;
  pending: number;
  claimed: number;
  doneThisWeek: number;
  /** The sum of the sampled rollouts' weekly targets (lib/review/target.ts). */
  weeklyTarget: number;
  /** Per sampled rollout of the workflow (the cohort asked for, or all). */
  rollouts: CohortNeeds[];
}

/** Weeks of outputs a rollout without a gate is paced by: what its sample brought in a recent week, on average. */
const RECENT_WEEKS = 4;

/** One sampled rollout's needs: its gate's reviews still needed, spread over the weeks left, or what the sample brings. */
async function cohortNeeds(
  db: Database,
  { workflow, cohort, result }: { workflow: string; cohort: string; result: ScorecardResult },
  rates: { rate: number; doubleRate: number; startedAt: string | null },
  now: Date,
  timezone: string,
): Promise<CohortNeeds> {
  if (result.status === "no_gate") {
    // No criterion to settle: the target is what the random sample brings, so the sample is reviewed whole.
    const outputs = await countOutputsSince(db, { workflow, cohort }, addDays(today(timezone, now), -7 * RECENT_WEEKS + 1));
    return { cohort, template: null, stillNeeded: [], weeklyTarget: weeklyTarget({ stillNeeded: [], weeksLeft: 1, outputsPerWeek: outputs / RECENT_WEEKS, rates }) };
  }
  const { scorecard } = result;
  const windowWeeks = scorecard.template.windowWeeks;
  const stillNeeded = reviewsStillNeeded(scorecard.criteria);
  const target = weeklyTarget({
    stillNeeded,
    weeksLeft: weeksLeftInWindow(scorecard.asOf, windowWeeks, rates.startedAt),
    outputsPerWeek: scorecard.totals.outputs / windowWeeks,
    rates,
  });
  return { cohort, template: scorecard.template.key, stillNeeded, weeklyTarget: target };
}

export async function queueStatus(db: Database, principal: Principal, query: { workflow: string; cohort?: string }, now = new Date()): Promise<QueueStatus> {
  const { workflow } = query;
  const cohort = query.cohort ?? null;
  requireReviewer(principal, workflow);
  const timezone = await installationTimezone(db);
  const since = startOfLocalDay(weekStart(today(timezone, now)), timezone);
  const { counts, sampled } = await db.sql.read(async (tx) => {
    await requireWorkflow(tx, workflow);
    if (cohort !== null) await requireCohort(tx, cohort);
    const rates = await readReviewRates(tx);
    const sampled = [...rates].flatMap(([key, r]) => {
      const [w, c] = key.split("/") as [string, string];
      return w === workflow && (cohort === null || c === cohort) ? [{ cohort: c, rates: r }] : [];
    });
    return { counts: await readQueueCounts(tx, { workflow, cohort, now, since }), sampled };
  });
  // The sampled rollouts' scorecards in one snapshot (a fixed number of statements), not one evaluation each.
  const sampledCohorts = new Set(sampled.map((s) => s.cohort));
  const scorecards = sampled.length
    ? await evaluateScorecards(db, (await listRollouts(db.sql)).filter((r) => r.workflow === workflow && sampledCohorts.has(r.cohort)), now)
    : new Map<string, ScorecardResult>();
  const rollouts: CohortNeeds[] = [];
  for (const { cohort: c, rates } of sampled.sort((a, b) => a.cohort.localeCompare(b.cohort))) {
    // A rollout a program apply removed since the rates were read has nothing left to pace.
    const result = scorecards.get(periodKey({ workflow, cohort: c }, ""));
    if (result) rollouts.push(await cohortNeeds(db, { workflow, cohort: c, result }, rates, now, timezone));
  }
  return {
    workflow,
    cohort,
    pending: counts.pending,
    claimed: counts.claimed,
    doneThisWeek: counts.done,
    weeklyTarget: rollouts.reduce((sum, r) => sum + r.weeklyTarget, 0),
    rollouts,
  };
}
