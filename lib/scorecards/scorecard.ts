// A rollout's go / hold / no-go scorecard: the gate template's criteria judged on the window's metrics, the
// readiness checklist, and the drift between agent versions, all read from one snapshot.
import type { Database } from "@/lib/db/database";
import { installationSettings } from "@/lib/db/settings";
import { readVersionCounts } from "@/lib/db/queries/readVersionCounts";
import { readNewestEvent } from "@/lib/db/queries/readNewestEvent";
import { InvalidParameterError } from "@/lib/errors";
import type { ScorecardQuery } from "@/lib/contract/scorecard";
import type { Phase, Tier } from "@/lib/contract/vocabulary";
import { readReport, resolveScope } from "@/lib/reports/metricsReport";
import type { SeriesPoint, WindowSummary } from "@/lib/metrics/report";
import { scorecardWindow } from "@/lib/gates/window";
import { evaluateCriterion, type CriterionResult } from "@/lib/gates/evaluate";
import { compareVersions, type DriftFinding } from "@/lib/gates/drift";
import { decideVerdict, type Verdict } from "@/lib/gates/verdict";
import { today } from "@/lib/time";
import { chooseTemplate } from "./templates";
import { readChecklist, type ChecklistEntry } from "./checklist";

export interface Scorecard extends WindowSummary {
  workflow: { key: string; name: string; tier: Tier };
  cohort: { key: string; name: string; department: string; size: number | null };
  phase: Phase;
  template: { key: string; version: number; from: Phase; to: Phase; windowWeeks: number };
  asOf: string;
  window: { from: string; to: string };
  timezone: string;
  verdict: Verdict;
  reasons: string[];
  criteria: CriterionResult[];
  checklist: (ChecklistEntry & { required: boolean })[];
  drift: DriftFinding[];
  totals: Omit<SeriesPoint, "periodStart">;
  /** The newest event of the rollout, at any time: how fresh the data behind the scorecard is. */
  newestEventAt: string | null;
}

export interface EvaluateOptions {
  now?: Date;
  /** Judge the rollout as if it were in this phase (a past week's export uses the phase it had then). */
  phase?: Phase;
}

export async function evaluateScorecard(db: Database, query: ScorecardQuery, options: EvaluateOptions = {}): Promise<Scorecard> {
  const now = options.now ?? new Date();
  const [workflow, cohort, rollout, { timezone }] = await Promise.all([
    db.prisma.workflow.findUnique({ where: { key: query.workflow } }),
    db.prisma.cohort.findUnique({ where: { key: query.cohort } }),
    db.prisma.rollout.findUnique({ where: { workflow_cohort: { workflow: query.workflow, cohort: query.cohort } } }),
    installationSettings(db),
  ]);
  if (!workflow) throw new InvalidParameterError("workflow", `unknown workflow "${query.workflow}"`);
  if (!cohort) throw new InvalidParameterError("cohort", `unknown cohort "${query.cohort}"`);
  const phase = options.phase ?? ((rollout?.phase ?? "pilot") as Phase);
  const tier = workflow.tier as Tier;
  const template = await chooseTemplate(db, phase, tier, query.template);
  const asOf = query.asOf ?? today(timezone, now);
  const window = scorecardWindow(asOf, template.windowWeeks);
  const scope = await resolveScope(db, query.workflow, query.cohort);

  const { report, versions, newestEvent } = await db.sql.read(async (tx) => ({
    report: await readReport(tx, scope, { workflow: query.workflow, cohort: query.cohort, ...window, granularity: "total" }, timezone),
    versions: await readVersionCounts(tx, { workflow: query.workflow, cohort: query.cohort, ...window }),
    newestEvent: await readNewestEvent(tx, query.workflow, query.cohort),
  }));
  const { periodStart: _periodStart, ...totals } = report.series[0]!;
  const criteria = template.criteria.map((criterion) =>
    evaluateCriterion(criterion, { totals, cycleTimeReduction: report.cycleTimeReduction, cohortSize: cohort.size }),
  );
  const checklist = await readChecklist(db, query.workflow);
  const drift = compareVersions(versions.filter((v) => v.version !== ""));
  const { verdict, reasons } = decideVerdict({
    criteria,
    requiredChecklist: template.checklist,
    checklist: Object.fromEntries(checklist.map((entry) => [entry.item, entry.status])),
    drift,
  });
  return {
    workflow: { key: workflow.key, name: workflow.name, tier },
    cohort: { key: cohort.key, name: cohort.name, department: cohort.department, size: cohort.size },
    phase,
    template: { key: template.key, version: template.version, from: template.from, to: template.to, windowWeeks: template.windowWeeks },
    asOf,
    window,
    timezone,
    verdict,
    reasons,
    criteria,
    checklist: checklist.map((entry) => ({ ...entry, required: template.checklist.includes(entry.item) })),
    drift,
    totals,
    baseline: report.baseline,
    cycleTimeReduction: report.cycleTimeReduction,
    quantiles: report.quantiles,
    newestEventAt: newestEvent?.toISOString() ?? null,
  };
}
