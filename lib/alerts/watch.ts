// The alerts that come from looking rather than from a change: scorecards re-evaluated (verdict.changed,
// drift.regression) and workflows gone quiet (workflow.quiet). Both run through lib/jobs on a shared schedule, and
// each writes its alerts in the transaction that records what it saw.
import type { Database } from "@/lib/db/database";
import { installationTimezone } from "@/lib/db/settings";
import { listRollouts } from "@/lib/db/queries/listRollouts";
import { readRolloutEventCounts } from "@/lib/db/queries/readRolloutEventCounts";
import { readRolloutVerdicts } from "@/lib/db/queries/readRolloutVerdicts";
import { saveRolloutVerdict } from "@/lib/db/queries/saveRolloutVerdict";
import { readWorkflowDays } from "@/lib/db/queries/readWorkflowDays";
import { evaluateScorecards, type ScorecardResult } from "@/lib/scorecards/scorecard";
import { periodKey } from "@/lib/db/queries/rollupFilter";
import { addDays, isoWeekLabel, today } from "@/lib/time";
import { enqueueAlerts } from "./outbox";
import { evaluationChanges, quietWorkflows, regressionKey, STEADY_DAYS, type WorkflowActivity } from "./triggers";

export interface Reevaluation {
  evaluated: number;
  alerts: number;
}

/**
 * Re-evaluates the scorecard of every rollout whose rollups counted new events since its last evaluation, and of
 * every rollout when a new week has begun (the window moves). A rollout without a gate to judge it is skipped.
 */
export async function reevaluateScorecards(db: Database, now: Date): Promise<Reevaluation> {
  const timezone = await installationTimezone(db);
  const week = isoWeekLabel(today(timezone, now));
  const [rollouts, counts, states] = await Promise.all([listRollouts(db.sql), db.sql.read(readRolloutEventCounts), db.sql.read(readRolloutVerdicts)]);
  const result: Reevaluation = { evaluated: 0, alerts: 0 };
  const due = rollouts.flatMap((rollout) => {
    const key = `${rollout.workflow}/${rollout.cohort}`;
    const events = counts.get(key) ?? 0;
    const previous = states.get(key) ?? null;
    return !previous || previous.events !== events || previous.week !== week ? [{ rollout, events, previous }] : [];
  });
  // Every due rollout's scorecard in a fixed number of statements, not a whole evaluation each.
  const evaluations = due.length ? await evaluateScorecards(db, due.map((d) => d.rollout), now) : new Map<string, ScorecardResult>();
  for (const { rollout, events, previous } of due) {
    const { workflow, cohort } = rollout;
    // A rollout no gate template judges has no verdict to change.
    const evaluation = evaluations.get(periodKey(rollout, ""))!;
    if (evaluation.status !== "evaluated") continue;
    const scorecard = evaluation.scorecard;
    const verdictBefore = previous ? { ...previous, verdict: previous.verdict as typeof scorecard.verdict } : null;
    const causes = evaluationChanges(verdictBefore, { ...scorecard, workflow, cohort }, now);
    const changed = causes.some((cause) => cause.trigger === "verdict.changed");
    const regressions = scorecard.drift.filter((finding) => finding.regression).map(regressionKey);
    result.alerts += await db.sql.transaction(async (tx) => {
      await saveRolloutVerdict(tx, { workflow, cohort, verdict: scorecard.verdict, regressions, events, week, changes: (previous?.changes ?? 0) + (changed ? 1 : 0) }, now);
      return enqueueAlerts(tx, causes);
    });
    result.evaluated++;
  }
  return result;
}

/** How far back a quiet spell is still looked at: the longest quietHours a rule may ask for, and the steady week before. */
const LOOKBACK_DAYS = 30 + STEADY_DAYS;

/** Alerts every workflow gone quiet (see quietWorkflows) for the rules that ask; answers how many alerts were new. */
export async function checkQuietWorkflows(db: Database, now: Date): Promise<number> {
  const timezone = await installationTimezone(db);
  const days = await db.sql.read((tx) => readWorkflowDays(tx, addDays(today(timezone, now), -LOOKBACK_DAYS)));
  const byWorkflow = new Map<string, WorkflowActivity & { days: Set<string> }>();
  for (const { workflow, day, lastEventAt } of days) {
    const activity = byWorkflow.get(workflow) ?? { workflow, lastEventAt, days: new Set<string>() };
    activity.days.add(day);
    if (lastEventAt > activity.lastEventAt) activity.lastEventAt = lastEventAt;
    byWorkflow.set(workflow, activity);
  }
  const causes = quietWorkflows([...byWorkflow.values()], now, timezone);
  return causes.length ? db.sql.transaction((tx) => enqueueAlerts(tx, causes)) : 0;
}
