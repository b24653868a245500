// A rollout's go / hold / no-go scorecard: the gate template's criteria judged on the window's metrics, the
// readiness checklist, and the drift between agent versions, all read from one snapshot. A rollout whose phase no
// template leaves for its tier has no gate: that is a result, not an error.
import type { Database } from "@/lib/db/database";
import { installationTimezone } from "@/lib/time/installation";
import { requireWorkflow } from "@/lib/db/queries/requireWorkflow";
import { requireCohort } from "@/lib/db/queries/requireCohort";
import { readRollout } from "@/lib/db/queries/readRollout";
import { readLatestGateTemplates } from "@/lib/db/queries/readLatestGateTemplates";
import { readChecklistItems, type ChecklistItemRow } from "@/lib/db/queries/readChecklistItems";
import { readVersionCounts } from "@/lib/db/queries/readVersionCounts";
import { readNewestEvent } from "@/lib/db/queries/readNewestEvent";
import { InvalidParameterError } from "@/lib/errors";
import type { ScorecardQuery } from "@/lib/contract/scorecard";
import type { Phase, Tier } from "@/lib/contract/vocabulary";
import { readReport, readRolloutBaselines, readRolloutReports, rolloutReportInput, type MetricsReport } from "@/lib/reports/metricsReport";
import type { RolloutRow } from "@/lib/db/queries/listRollouts";
import type { SqlExecutor } from "@/lib/db/sql";
import type { Sketch } from "@/lib/db/queries/readDurationSketches";
import { periodKey } from "@/lib/db/queries/rollupFilter";
import { sampledReviewsOnly, type SeriesPoint, type WindowSummary } from "@/lib/metrics/report";
import type { Agreement } from "@/lib/metrics/agreement";
import { reviewsStillNeeded, type ReviewsStillNeeded } from "@/lib/gates/stillNeeded";
import { REVIEW_PROPORTIONS } from "@/lib/contract/program";
import { scorecardWindow } from "@/lib/gates/window";
import { applicableTemplate, type StoredTemplate } from "@/lib/gates/template";
import { evaluateCriterion, type CriterionResult } from "@/lib/gates/evaluate";
import { compareVersions, type DriftFinding, type VersionCounts } from "@/lib/gates/drift";
import { decideVerdict, type Verdict } from "@/lib/gates/verdict";
import { today } from "@/lib/time";
import { checklistEntries, type ChecklistEntry } from "./checklist";

export interface Scorecard extends WindowSummary {
  workflow: { key: string; name: string; tier: Tier };
  cohort: { key: string; name: string; department: string; size: number | null };
  phase: Phase;
  /** `reviews`: which reviews the precision and correction criteria count: the random sample's, or all. */
  template: { key: string; version: number; from: Phase; to: Phase; windowWeeks: number; reviews: "sampled" | "all" };
  asOf: string;
  window: { from: string; to: string };
  timezone: string;
  verdict: Verdict;
  reasons: string[];
  criteria: CriterionResult[];
  checklist: (ChecklistEntry & { required: boolean })[];
  drift: DriftFinding[];
  /** Reviewer agreement on the window's double-reviewed outputs (percent agreement and Cohen's kappa). */
  agreement: Agreement;
  /** Per review-based criterion that is insufficient or inconclusive: the reviews that would settle it. */
  reviewsStillNeeded: ReviewsStillNeeded[];
  totals: Omit<SeriesPoint, "periodStart">;
  /** The newest event of the rollout, at any time: how fresh the data behind the scorecard is. */
  newestEventAt: string | null;
}

/** No gate template leaves the rollout's phase for its workflow's tier (an enterprise rollout, say). */
export interface NoGate {
  status: "no_gate";
  reason: string;
}

export type ScorecardResult = { status: "evaluated"; scorecard: Scorecard } | NoGate;

export interface EvaluateOptions {
  now?: Date;
  /** Judge the rollout as if it were in this phase (a past week's export uses the phase it had then). */
  phase?: Phase;
}

/** The named template (refused when unknown), else the one that applies to the rollout, else no gate. */
export function templateFor(templates: StoredTemplate[], phase: Phase, tier: Tier, named: string | undefined): StoredTemplate | NoGate {
  if (named) {
    const template = templates.find((t) => t.key === named);
    if (!template) throw new InvalidParameterError("template", `unknown gate template "${named}"`);
    return template;
  }
  return (
    applicableTemplate(templates, phase, tier) ?? {
      status: "no_gate",
      reason: `no gate template leaves the ${phase} phase for ${tier}-tier workflows; add one to the program or name one with template=`,
    }
  );
}

/** Everything a scorecard is judged on, read by evaluateScorecard for one rollout or by the portfolio for all. */
export interface ScorecardFacts {
  workflow: Scorecard["workflow"];
  cohort: Scorecard["cohort"];
  phase: Phase;
  template: StoredTemplate;
  asOf: string;
  timezone: string;
  /** The rollout's metrics over the template's window, granularity "total". */
  report: MetricsReport;
  versions: VersionCounts[];
  newestEventAt: Date | null;
  checklist: ChecklistItemRow[];
}

/** Judges the criteria, the checklist and the drift: the scorecard of facts already read. */
export function judgeScorecard({ workflow, cohort, phase, template, asOf, timezone, report, versions, newestEventAt, checklist: rows }: ScorecardFacts): Scorecard {
  const checklist = checklistEntries(rows);
  const { periodStart: _periodStart, ...totals } = report.series[0]!;
  // A gate that trusts only the random sample judges the review rates on the queue's sampled reviews.
  const reviewTotals = template.reviews === "sampled" ? sampledReviewsOnly(totals) : totals;
  const criteria = template.criteria.map((criterion) =>
    evaluateCriterion(criterion, {
      totals: (REVIEW_PROPORTIONS as readonly string[]).includes(criterion.metric) ? reviewTotals : totals,
      cycleTimeReduction: report.cycleTimeReduction,
      cohortSize: cohort.size,
    }),
  );
  const drift = compareVersions(versions.filter((v) => v.version !== ""));
  const { verdict, reasons } = decideVerdict({
    criteria,
    requiredChecklist: template.checklist,
    checklist: Object.fromEntries(checklist.map((entry) => [entry.item, entry.status])),
    drift,
    agreement: report.agreement,
  });
  return {
    workflow,
    cohort,
    phase,
    template: {
      key: template.key,
      version: template.version,
      from: template.from,
      to: template.to,
      windowWeeks: template.windowWeeks,
      reviews: template.reviews ?? "all",
    },
    asOf,
    window: { from: report.from, to: report.to },
    timezone,
    verdict,
    reasons,
    criteria,
    checklist: checklist.map((entry) => ({ ...entry, required: template.checklist.includes(entry.item) })),
    drift,
    agreement: report.agreement,
    reviewsStillNeeded: reviewsStillNeeded(criteria),
    totals,
    baseline: report.baseline,
    cycleTimeReduction: report.cycleTimeReduction,
    quantiles: report.quantiles,
    newestEventAt: newestEventAt?.toISOString() ?? null,
  };
}

/** Refuses an unknown workflow, cohort or named template; a rollout without a gate is a `no_gate` result. */
export async function evaluateScorecard(db: Database, query: ScorecardQuery, options: EvaluateOptions = {}): Promise<ScorecardResult> {
  const now = options.now ?? new Date();
  const timezone = await installationTimezone(db);
  return db.sql.read(async (tx): Promise<ScorecardResult> => {
    const workflow = await requireWorkflow(tx, query.workflow);
    const cohort = await requireCohort(tx, query.cohort);
    const rollout = await readRollout(tx, query.workflow, query.cohort);
    const phase = options.phase ?? rollout?.phase ?? "pilot";
    const template = templateFor(await readLatestGateTemplates(tx), phase, workflow.tier, query.template);
    if ("status" in template) return template;
    const asOf = query.asOf ?? today(timezone, now);
    const window = scorecardWindow(asOf, template.windowWeeks);
    const rolloutConfig = { configuredBaselineP50: rollout?.baselineCycleTimeP50Ms ?? null, cohortSize: cohort.size };
    const report = await readReport(tx, rolloutConfig, { workflow: query.workflow, cohort: query.cohort, ...window, granularity: "total" }, timezone);
    const versions = (await readVersionCounts(tx, { workflow: query.workflow, cohort: query.cohort, ...window })).get("") ?? [];
    const newestEventAt = (await readNewestEvent(tx, [{ workflow: query.workflow, cohort: query.cohort }])).values().next().value ?? null;
    const checklist = await readChecklistItems(tx, query.workflow);
    const scorecard = judgeScorecard({
      workflow: { key: workflow.key, name: workflow.name, tier: workflow.tier },
      cohort: { key: cohort.key, name: cohort.name, department: cohort.department, size: cohort.size },
      phase,
      template,
      asOf,
      timezone,
      report,
      versions,
      newestEventAt,
      checklist,
    });
    return { status: "evaluated", scorecard };
  });
}

/** For callers that answer a request: a rollout without a gate is then refused, naming the template parameter. */
export function requireScorecard(result: ScorecardResult): Scorecard {
  if (result.status === "no_gate") throw new InvalidParameterError("template", result.reason);
  return result.scorecard;
}

/**
 * Every given rollout's scorecard, as evaluateScorecard judges it, in a fixed number of statements: rollouts judged
 * over the same window (their templates' windowWeeks) are read together, and there are only as many windows as
 * templates. Results are keyed periodKey(rollout, "").
 */
export async function readScorecards(
  tx: SqlExecutor,
  rollouts: readonly RolloutRow[],
  timezone: string,
  now: Date,
  baselines: Map<string, Sketch>,
): Promise<Map<string, ScorecardResult>> {
  const templates = await readLatestGateTemplates(tx);
  const newest = await readNewestEvent(tx, rollouts);
  const checklists = new Map<string, ChecklistItemRow[]>();
  for (const item of await readChecklistItems(tx)) checklists.set(item.workflow, [...(checklists.get(item.workflow) ?? []), item]);
  const asOf = today(timezone, now);
  const results = new Map<string, ScorecardResult>();
  const byWindow = new Map<number, { rollout: RolloutRow; template: StoredTemplate }[]>();
  for (const rollout of rollouts) {
    const template = templateFor(templates, rollout.phase, rollout.tier, undefined);
    if ("status" in template) results.set(periodKey(rollout, ""), template);
    else byWindow.set(template.windowWeeks, [...(byWindow.get(template.windowWeeks) ?? []), { rollout, template }]);
  }
  for (const [windowWeeks, judged] of byWindow) {
    const window = scorecardWindow(asOf, windowWeeks);
    const reports = await readRolloutReports(tx, judged.map(({ rollout }) => rolloutReportInput(rollout)), { ...window, granularity: "total" }, timezone, baselines);
    const versions = await readVersionCounts(tx, { ...window, rollouts: judged.map(({ rollout }) => rollout) }, true);
    for (const { rollout, template } of judged) {
      const key = periodKey(rollout, "");
      const scorecard = judgeScorecard({
        workflow: { key: rollout.workflow, name: rollout.workflowName, tier: rollout.tier },
        cohort: { key: rollout.cohort, name: rollout.cohortName, department: rollout.department, size: rollout.cohortSize },
        phase: rollout.phase,
        template,
        asOf,
        timezone,
        report: reports.get(key)!,
        versions: versions.get(key) ?? [],
        newestEventAt: newest.get(key) ?? null,
        checklist: checklists.get(rollout.workflow) ?? [],
      });
      results.set(key, { status: "evaluated", scorecard });
    }
  }
  return results;
}

/** The scorecards of many rollouts from one snapshot, as readScorecards reads them, keyed periodKey(rollout, ""). */
export async function evaluateScorecards(db: Database, rollouts: readonly RolloutRow[], now = new Date()): Promise<Map<string, ScorecardResult>> {
  const timezone = await installationTimezone(db);
  return db.sql.read(async (tx) => readScorecards(tx, rollouts, timezone, now, await readRolloutBaselines(tx)));
}
