// Steering-board decisions. Each one freezes the scorecard it was made on (canonical JSON and its SHA-256), so
// later events cannot change what the board saw. Decisions are append-only; a correction supersedes.
import crypto from "node:crypto";
import type { Database } from "@/lib/db/database";
import { ConflictError, InvalidParameterError } from "@/lib/errors";
import { actorLabel, appendAudit, type Actor } from "@/lib/audit/audit";
import type { DecisionInput } from "@/lib/contract/scorecard";
import type { Phase } from "@/lib/contract/vocabulary";
import type { Verdict } from "@/lib/gates/verdict";
import { evaluateScorecard, type Scorecard } from "./scorecard";

const VERDICT_WORDS: Record<Verdict, string> = { go: "GO", hold: "HOLD", no_go: "NO-GO" };
const DECISION_WORDS: Record<DecisionInput["decision"], string> = { go: "go", no_go: "no-go", extend: "to extend" };

/** The computed verdict each decision agrees with; deciding otherwise needs an override note. */
const AGREES_WITH: Record<DecisionInput["decision"], Verdict> = { go: "go", no_go: "no_go", extend: "hold" };

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
  const scorecard = await evaluateScorecard(db, { workflow: input.workflow, cohort: input.cohort, template: input.template }, { now });
  if (scorecard.template.from !== scorecard.phase) {
    throw new InvalidParameterError(
      "template",
      `template "${input.template}" leaves the ${scorecard.template.from} phase, but this rollout is in the ${scorecard.phase} phase`,
    );
  }
  const agrees = AGREES_WITH[input.decision] === scorecard.verdict;
  if (!agrees && !input.override) {
    throw new InvalidParameterError(
      "override",
      `the scorecard says ${VERDICT_WORDS[scorecard.verdict]}, so deciding ${DECISION_WORDS[input.decision]} needs an override note saying why`,
    );
  }
  const snapshot = canonicalJson(scorecard);
  const snapshotSha256 = crypto.createHash("sha256").update(snapshot).digest("hex");
  const toPhase = input.decision === "go" ? scorecard.template.to : null;
  const id = crypto.randomUUID();
  const decidedBy = actorLabel(actor);

  await db.prisma.$transaction(async (tx) => {
    const previous = await tx.decision.findFirst({
      where: { workflow: input.workflow, cohort: input.cohort },
      orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    });
    // The phase must not have moved since the scorecard was evaluated (two board members deciding at once).
    const current = await tx.rollout.findUnique({ where: { workflow_cohort: { workflow: input.workflow, cohort: input.cohort } } });
    if ((current?.phase ?? "pilot") !== scorecard.phase) throw new ConflictError("The rollout's phase changed meanwhile; reload the scorecard.");
    await tx.decision.create({
      data: {
        id,
        workflow: input.workflow,
        cohort: input.cohort,
        templateKey: scorecard.template.key,
        templateVersion: scorecard.template.version,
        decision: input.decision,
        rationale: input.rationale,
        override: agrees ? null : (input.override ?? null),
        computedVerdict: scorecard.verdict,
        fromPhase: scorecard.phase,
        toPhase,
        decidedBy,
        decidedAt: now,
        snapshot,
        snapshotSha256,
        supersedesId: previous?.id ?? null,
      },
    });
    if (toPhase) {
      await tx.rollout.upsert({
        where: { workflow_cohort: { workflow: input.workflow, cohort: input.cohort } },
        create: { workflow: input.workflow, cohort: input.cohort, phase: toPhase },
        update: { phase: toPhase },
      });
    }
    await appendAudit(
      tx,
      actor,
      {
        action: "decision.record",
        target: `${input.workflow}/${input.cohort}`,
        before: { phase: scorecard.phase, computedVerdict: scorecard.verdict },
        after: { decision: input.decision, phase: toPhase ?? scorecard.phase, rationale: input.rationale, override: agrees ? null : (input.override ?? null), snapshotSha256, decisionId: id },
      },
      now,
    );
  });
  return (await listDecisions(db, input.workflow, input.cohort)).find((d) => d.id === id)!;
}

export async function listDecisions(db: Database, workflow: string, cohort?: string): Promise<RecordedDecision[]> {
  const rows = await db.prisma.decision.findMany({
    where: { workflow, ...(cohort ? { cohort } : {}) },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
  });
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

