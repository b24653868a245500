import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/pageAccess";
import { authorize } from "@/lib/auth/authorize";
import { actionRule, ruleAccess } from "@/lib/auth/rules";
import { cache } from "react";
import { notFound } from "next/navigation";
import { appDatabase } from "@/lib/db/database";
import { installationTimezone } from "@/lib/time/installation";
import { findRollout } from "@/lib/reports/registry";
import { scorecardQuery } from "@/lib/contract/scorecard";
import { InvalidParameterError } from "@/lib/errors";
import { evaluateScorecard, type ScorecardResult } from "@/lib/scorecards/scorecard";
import { listDecisions } from "@/lib/scorecards/decisions";
import { listChecklistChanges, readChecklist } from "@/lib/scorecards/checklist";
import { ScorecardView } from "./ScorecardView";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ workflow: string; cohort: string }> };

/** The metadata and the page read the rollout once per request. */
const rolloutOf = cache((workflow: string, cohort: string) => findRollout(appDatabase(), workflow, cohort));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePage();
  const { workflow, cohort } = await params;
  const rollout = await rolloutOf(workflow, cohort);
  return { title: rollout ? `Scorecard: ${rollout.workflowName}, ${rollout.cohortName}` : "Scorecard" };
}

/** The scorecard, or why the rollout has none; an unknown workflow or cohort is a page that does not exist. */
async function scorecardOf(query: { workflow: string; cohort: string }): Promise<ScorecardResult> {
  try {
    return await evaluateScorecard(appDatabase(), query);
  } catch (error) {
    if (error instanceof InvalidParameterError) notFound();
    throw error;
  }
}

export default async function ScorecardPage({ params }: Props) {
  const user = await requirePage();
  const raw = await params;
  const parsed = scorecardQuery.safeParse({ workflow: raw.workflow, cohort: raw.cohort });
  if (!parsed.success) notFound();
  const { workflow, cohort } = parsed.data;
  const db = appDatabase();
  const [result, decisions, history, checklist, rollout, timezone] = await Promise.all([
    scorecardOf({ workflow, cohort }),
    listDecisions(db, workflow, cohort),
    listChecklistChanges(db, workflow),
    readChecklist(db, workflow),
    rolloutOf(workflow, cohort),
    installationTimezone(db),
  ]);
  if (result.status === "no_gate" && !rollout) notFound();
  return (
    <ScorecardView
      scorecard={result.status === "evaluated" ? result.scorecard : null}
      noGateReason={result.status === "no_gate" ? result.reason : null}
      rollout={rollout}
      checklist={checklist}
      decisions={decisions}
      history={history}
      timezone={timezone}
      generatedAt={new Date().toISOString()}
      canDecide={authorize(actionRule("recordBoardDecision"), user).allowed}
      canEditChecklist={authorize(ruleAccess("PUT /api/v1/workflows/[key]/checklist/[item]"), user, { key: workflow }).allowed}
    />
  );
}
