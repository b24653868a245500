// Steering-board decisions. Each one freezes the scorecard it was made on (canonical JSON and its SHA-256), so
// later events cannot change what the board saw. Decisions are append-only; a correction supersedes.
import crypto from "node:crypto";
import type { Database } from "@/lib/db/database";
import { inTransaction } from "@/lib/db/transaction";
import { appendDecision } from "@/lib/db/queries/appendDecision";
import { listDecisionRows } from "@/lib/db/queries/listDecisionRows";
import { readRolloutPhase } from "@/lib/db/queries/readRolloutPhase";
import { setRolloutPhase } from "@/lib/db/queries/setRolloutPhase";
import { ConflictError, InvalidParameterError } from "@/lib/errors";
import { actorLabel, appendAudit, type Actor } from "@/lib/audit/audit";
import type { DecisionInput } from "@/lib/contract/scorecard";
import type { Phase } from "@/lib/contract/vocabulary";
import { AGREEING_VERDICT, type Verdict } from "@/lib/gates/verdict";
import { VERDICT_LABELS } from "@/lib/ui/labels";
import { evaluateScorecard, requireScorecard, type Scorecard } from "./scorecard";
import { alertDecision } from "@/lib/alerts/outbox";

const DECISION_WORDS: Record<DecisionInput["decision"], string> = { go: "go", no_go: "no-go", extend: "to extend" };

export interface RecordedDecision {
  id: string;
  workflow: string;
  cohort: string;
  template: { key: string; version: number };
  decision: DecisionInput["decision"];
  rationale: string;
  override: string | null;
  computedVerdict: Verdict;
  fromPhase: Phase;
  toPhase: Phase | null;
  decidedBy: string;
  decidedAt: string;
  supersedesId: string | null;
  snapshotSha256: string;
  snapshot: Scorecard;
}

/** JSON with object keys sorted, so the same scorecard always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Records a decision, judged on the scorecard as of `now`: never a past date's, whose verdict today's evidence may contradict. */
export async function recordDecision(db: Database, input: DecisionInput, actor: Actor, now = new Date()): Promise<RecordedDecision> {
  // The decision names its template, so the scorecard always has a gate (an unknown template is refused).
  const scorecard = requireScorecard(await evaluateScorecard(db, { workflow: input.workflow, cohort: input.cohort, template: input.template }, { now }));
  if (scorecard.template.from !== scorecard.phase) {
    throw new InvalidParameterError(
      "template",
      `template "${input.template}" leaves the ${scorecard.template.from} phase, but this rollout is in the ${scorecard.phase} phase`,
    );
  }
  const agrees = AGREEING_VERDICT[input.decision] === scorecard.verdict;
  if (!agrees && !input.override) {
    throw new InvalidParameterError(
      "override",
      `the scorecard says ${VERDICT_LABELS[scorecard.verdict]}, so deciding ${DECISION_WORDS[input.decision]} needs an override note saying why`,
    );
  }
  const snapshot = canonicalJson(scorecard);
  const snapshotSha256 = crypto.createHash("sha256").update(snapshot).digest("hex");
  const toPhase = input.decision === "go" ? scorecard.template.to : null;
  const override = agrees ? null : (input.override ?? null);
  const id = crypto.randomUUID();
  const decidedBy = actorLabel(actor);
  await inTransaction(db, async (tx) => {
    // The phase must not have moved since the scorecard was evaluated (two board members deciding at once).
    if ((await readRolloutPhase(tx, input.workflow, input.cohort)) !== scorecard.phase) {
      throw new ConflictError("The rollout's phase changed meanwhile; reload the scorecard.");
    }
    await appendDecision(tx, {
      id,
      workflow: input.workflow,
      cohort: input.cohort,
      templateKey: scorecard.template.key,
      templateVersion: scorecard.template.version,
      decision: input.decision,
      rationale: input.rationale,
      override,
      computedVerdict: scorecard.verdict,
      fromPhase: scorecard.phase,
      toPhase,
      decidedBy,
      decidedAt: now,
      snapshot,
      snapshotSha256,
    });
    if (toPhase) await setRolloutPhase(tx, input.workflow, input.cohort, toPhase);
    await appendAudit(
      tx,
      actor,
      {
        action: "decision.record",
        target: `${input.workflow}/${input.cohort}`,
        before: { phase: scorecard.phase, computedVerdict: scorecard.verdict },
        after: { decision: input.decision, phase: toPhase ?? scorecard.phase, rationale: input.rationale, override, snapshotSha256, decisionId: id },
      },
      now,
    );
    await alertDecision(tx, { id, workflow: input.workflow, cohort: input.cohort, decision: input.decision, rationale: input.rationale, override: agrees ? null : (input.override ?? null), computedVerdict: scorecard.verdict, fromPhase: scorecard.phase, toPhase, snapshotSha256, decidedAt: now });
  });
  return (await listDecisions(db, input.workflow, input.cohort)).find((d) => d.id === id)!;
}

export async function listDecisions(db: Database, workflow: string, cohort?: string): Promise<RecordedDecision[]> {
  const rows = await listDecisionRows(db, workflow, cohort);
  return rows.map((row) => ({
    id: row.id,
    workflow: row.workflow,
    cohort: row.cohort,
    template: { key: row.templateKey, version: row.templateVersion },
    decision: row.decision as DecisionInput["decision"],
    rationale: row.rationale,
    override: row.override,
    computedVerdict: row.computedVerdict as Verdict,
    fromPhase: row.fromPhase as Phase,
    toPhase: (row.toPhase as Phase | null) ?? null,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt.toISOString(),
    supersedesId: row.supersedesId,
    snapshotSha256: row.snapshotSha256,
    snapshot: JSON.parse(row.snapshot) as Scorecard,
  }));
}
