// The metrics of one workflow (one cohort or all) over a window: reads the registry and the rollups in one snapshot
// and hands the counts to lib/metrics, which computes every figure.
import type { Verdict } from "@/lib/contract/vocabulary";
import { reviewerAgreement, type Agreement } from "@/lib/metrics/agreement";
import { readAgreementPairs } from "@/lib/db/queries/readAgreementPairs";
import type { Database } from "@/lib/db/database";
import { installationTimezone } from "@/lib/time/installation";
import type { SqlExecutor } from "@/lib/db/sql";
import { readRollupCounts, type RollupCounts } from "@/lib/db/queries/readRollupCounts";
import { DAILY_COUNTERS } from "@/lib/db/dailyCounters";
import { readTaskCounts, type TaskCounts } from "@/lib/db/queries/readTaskCounts";
import { readActiveActors } from "@/lib/db/queries/readActiveActors";
import { readCategoryCounts, type CategoryCount } from "@/lib/db/queries/readCategoryCounts";
import { readDurationSketches, type Sketch } from "@/lib/db/queries/readDurationSketches";
import { readManualBaseline } from "@/lib/db/queries/readManualBaseline";
import { periodKey, type PeriodQuery, type RolloutKey } from "@/lib/db/queries/rollupFilter";
import { requireWorkflow } from "@/lib/db/queries/requireWorkflow";
import { requireCohort } from "@/lib/db/queries/requireCohort";
import { readRollout } from "@/lib/db/queries/readRollout";
import { readRolloutCohortSizes } from "@/lib/db/queries/readRolloutCohortSizes";
import type { RolloutRow } from "@/lib/db/queries/listRollouts";
import type { MetricsQuery } from "@/lib/contract/query";
import { periodsOf, startOfLocalDay, type Granularity } from "@/lib/time";
import type { MetricCounts } from "@/lib/metrics/definitions";
import {
  chooseBaseline,
  mergeSketches,
  seriesPoint,
  windowSummary,
  type IncidentCounts,
  type PeriodInput,
  type SeriesPoint,
  type WindowSummary,
} from "@/lib/metrics/report";

export interface MetricsReport extends WindowSummary {
  workflow: string;
  cohort: string | null;
  agentVersion: string | null;
  from: string;
  to: string;
  timezone: string;
  granularity: Granularity;
  series: SeriesPoint[];
  /** Reviewer agreement on the double-reviewed outputs that occurred in the window (all agent versions). */
  agreement: Agreement;
}

/** What the registry says about the rollouts a report covers, read in the report's snapshot. */
export interface RolloutConfig {
  /** Configured baseline p50 of the rollout; only a single cohort has one. */
  configuredBaselineP50: number | null;
  /** People in the cohort, or in all the workflow's rollout cohorts; null when any size is unknown. */
  cohortSize: number | null;
}

/** Refuses an unknown workflow or cohort. */
async function readRolloutConfig(tx: SqlExecutor, workflow: string, cohort: string | undefined): Promise<RolloutConfig> {
  await requireWorkflow(tx, workflow);
  if (cohort) {
    const { size } = await requireCohort(tx, cohort);
    const rollout = await readRollout(tx, workflow, cohort);
    return { configuredBaselineP50: rollout?.baselineCycleTimeP50Ms ?? null, cohortSize: size };
  }
  const sizes = await readRolloutCohortSizes(tx, workflow);
  const cohortSize = sizes.length > 0 && sizes.every((s) => s !== null) ? sizes.reduce<number>((a, s) => a + s!, 0) : null;
  return { configuredBaselineP50: null, cohortSize };
}

function incidentsAndCategories(rows: readonly CategoryCount[]): { incidents: IncidentCounts; errorCategories: Record<string, number> } {
  const incidents: IncidentCounts = { total: 0, byCategory: {}, bySeverity: { "1": 0, "2": 0, "3": 0 } };
  const errorCategories: Record<string, number> = {};
  for (const row of rows) {
    errorCategories[row.category] = (errorCategories[row.category] ?? 0) + row.count;
    if (row.source === "incident") {
      incidents.total += row.count;
      incidents.byCategory[row.category] = (incidents.byCategory[row.category] ?? 0) + row.count;
      incidents.bySeverity[String(row.severity)] = (incidents.bySeverity[String(row.severity)] ?? 0) + row.count;
    }
  }
  return { incidents, errorCategories };
}

/** The counters of a period without rollup rows. */
const NO_COUNTS = Object.fromEntries(DAILY_COUNTERS.map((counter) => [counter, 0])) as RollupCounts;

/** The inputs of a report's periods; a per-rollout read serves each rollout its own (`rollout` names it). */
type PeriodInputs = (rollout?: RolloutKey) => PeriodInput[];

/** A period's outputs, reviews and tasks: what the review and task rates (all but adoption) are computed from. */
export type PeriodCounts = Omit<MetricCounts, "activeActors" | "cohortSize"> & { periodStart: string };

function periodCounts(periodStart: string, counts: RollupCounts, tasks: TaskCounts | undefined): PeriodCounts {
  return {
    periodStart,
    outputs: counts.outputs,
    reviews: counts.reviews,
    accepted: counts.accepted,
    lightEdits: counts.lightEdits,
    heavyEdits: counts.heavyEdits,
    rejected: counts.rejected,
    ...(tasks ?? { tasks: 0, escalatedTasks: 0 }),
  };
}

async function readPeriodInputs(tx: SqlExecutor, query: PeriodQuery): Promise<PeriodInputs> {
  // Started together: in a Postgres read snapshot they run side by side on its connections (SqlDriver.read); SQLite,
  // being synchronous, runs them one after another either way.
  const [rollups, tasks, actors, categoryCounts, durations] = await Promise.all([
    readRollupCounts(tx, query),
    readTaskCounts(tx, query),
    readActiveActors(tx, query),
    readCategoryCounts(tx, query),
    readDurationSketches(tx, query),
  ]);
  const categories = new Map<string, CategoryCount[]>();
  for (const count of categoryCounts) {
    const counts = categories.get(count.key);
    if (counts) counts.push(count);
    else categories.set(count.key, [count]);
  }
  return (rollout) =>
    query.periods.map(({ start }) => {
      const key = periodKey(rollout, start);
      const counts = rollups.get(key) ?? NO_COUNTS;
      return {
        ...periodCounts(start, counts, tasks.get(key)),
        activeActors: actors.get(key) ?? 0,
        ...incidentsAndCategories(categories.get(key) ?? []),
        agentDurations: durations.get(key)?.agent ?? new Map(),
        manualDurations: durations.get(key)?.manual ?? new Map(),
        sampledReviews: {
          reviews: counts.sampledReviews,
          accepted: counts.sampledAccepted,
          lightEdits: counts.sampledLightEdits,
          heavyEdits: counts.sampledHeavyEdits,
          rejected: counts.sampledRejected,
        },
        feedback: {
          positive: counts.feedbackPositive,
          negative: counts.feedbackNegative,
          csatResponses: counts.csatResponses,
          csatSum: counts.csatSum,
          csatSumSquares: counts.csatSumSquares,
        },
      };
    });
}

/** The window of local dates [from, to) as instants, for what is read by instant (the review queue's items). */
const windowInstants = (query: { from: string; to: string }, timezone: string) => ({ from: startOfLocalDay(query.from, timezone), to: startOfLocalDay(query.to, timezone) });

function assembleReport(
  query: MetricsQuery,
  rollouts: RolloutConfig,
  inputs: PeriodInput[],
  manualCompletions: Sketch,
  agreementPairs: readonly (readonly [Verdict, Verdict])[],
  timezone: string,
): MetricsReport {
  const baseline = chooseBaseline(rollouts.configuredBaselineP50, manualCompletions);
  return {
    workflow: query.workflow,
    cohort: query.cohort ?? null,
    agentVersion: query.agentVersion ?? null,
    from: query.from,
    to: query.to,
    timezone,
    granularity: query.granularity,
    series: inputs.map((input) => seriesPoint(input, rollouts.cohortSize)),
    agreement: reviewerAgreement(agreementPairs),
    ...windowSummary(mergeSketches(inputs.map((i) => i.agentDurations)), baseline),
  };
}

/** The windows of one workflow's (one cohort's) reports read together: each its own period inputs. */
export type ReportWindow = Omit<MetricsQuery, "workflow" | "cohort">;

/**
 * Reads reports of one workflow (one cohort or all) over several windows inside a snapshot: the baseline, which does
 * not depend on the window, is read once, and the agreement pairs once per distinct window.
 */
async function readReports(
  tx: SqlExecutor,
  rollouts: RolloutConfig,
  scope: { workflow: string; cohort?: string },
  windows: readonly ReportWindow[],
  timezone: string,
): Promise<MetricsReport[]> {
  const manualCompletions =
    rollouts.configuredBaselineP50 === null ? ((await readManualBaseline(tx, { workflow: scope.workflow, cohort: scope.cohort })).get("") ?? new Map()) : new Map();
  const pairsByWindow = new Map<string, (readonly [Verdict, Verdict])[]>();
  const reports: MetricsReport[] = [];
  for (const window of windows) {
    const query: MetricsQuery = { ...window, ...scope };
    const periods = periodsOf(query.from, query.to, query.granularity);
    const filter = { workflow: query.workflow, cohort: query.cohort, agentVersion: query.agentVersion, from: query.from, to: query.to };
    const inputs = await readPeriodInputs(tx, { filter, granularity: query.granularity, periods });
    const windowKey = `${query.from}/${query.to}`;
    let pairs = pairsByWindow.get(windowKey);
    if (!pairs) {
      pairs = [...(await readAgreementPairs(tx, { workflow: query.workflow, cohort: query.cohort ?? null, ...windowInstants(query, timezone) })).values()].flat();
      pairsByWindow.set(windowKey, pairs);
    }
    reports.push(assembleReport(query, rollouts, inputs(), manualCompletions, pairs, timezone));
  }
  return reports;
}

/** Reads a report's inputs inside a snapshot (so a scorecard can read more in the same one). */
export async function readReport(tx: SqlExecutor, rollouts: RolloutConfig, query: MetricsQuery, timezone: string): Promise<MetricsReport> {
  const { workflow, cohort, ...window } = query;
  return (await readReports(tx, rollouts, { workflow, cohort }, [window], timezone))[0]!;
}

export type RolloutReportInput = RolloutKey & RolloutConfig;

/** The per-rollout read of these rollouts' periods over a window (readRolloutReports, readRolloutCounts). */
function rolloutPeriodQuery(rollouts: readonly RolloutKey[], window: { from: string; to: string; granularity: Granularity; agentVersion?: string }): PeriodQuery {
  const filter = { from: window.from, to: window.to, agentVersion: window.agentVersion, rollouts: rollouts.map(({ workflow, cohort }) => ({ workflow, cohort })) };
  return { filter, granularity: window.granularity, periods: periodsOf(window.from, window.to, window.granularity), perRollout: true };
}

/** A rollout's report input from its registry row. */
export const rolloutReportInput = (rollout: RolloutRow): RolloutReportInput => ({
  workflow: rollout.workflow,
  cohort: rollout.cohort,
  configuredBaselineP50: rollout.baselineCycleTimeP50Ms,
  cohortSize: rollout.cohortSize,
});

/** Every rollout's manual completions (the measured baseline), keyed periodKey(rollout, ""): the same for any window. */
export const readRolloutBaselines = (tx: SqlExecutor): Promise<Map<string, Sketch>> => readManualBaseline(tx, { perRollout: true });

/**
 * The reports of many rollouts over one window, in a fixed number of statements whatever their number: each read
 * groups by rollout. The caller passes each rollout's configuration (from the registry it read already) and the
 * baselines (readRolloutBaselines), which it reads once however many windows it reports on.
 */
export async function readRolloutReports(
  tx: SqlExecutor,
  rollouts: readonly RolloutReportInput[],
  window: { from: string; to: string; granularity: Granularity; agentVersion?: string },
  timezone: string,
  manual: Map<string, Sketch>,
): Promise<Map<string, MetricsReport>> {
  const [inputs, pairs] = await Promise.all([
    readPeriodInputs(tx, rolloutPeriodQuery(rollouts, window)),
    readAgreementPairs(tx, windowInstants(window, timezone)),
  ]);
  return new Map(
    rollouts.map((rollout) => {
      const query = { workflow: rollout.workflow, cohort: rollout.cohort, ...window };
      const pairsOf = pairs.get(`${rollout.workflow}/${rollout.cohort}`) ?? [];
      return [periodKey(rollout, ""), assembleReport(query, rollout, inputs(rollout), manualCompletionsOf(rollout, manual), pairsOf, timezone)];
    }),
  );
}

/** The manual completions a rollout's measured baseline is the median of (readRolloutBaselines); none when it is configured. */
function manualCompletionsOf(rollout: RolloutReportInput, manual: Map<string, Sketch>): Sketch {
  return rollout.configuredBaselineP50 === null ? (manual.get(periodKey(rollout, "")) ?? new Map()) : new Map();
}

/** A window's review and task counts with the baseline and cycle-time reduction its report would show. */
export type WindowFigures = Omit<PeriodCounts, "periodStart"> & WindowSummary;

/**
 * Many rollouts' window figures, keyed periodKey(rollout, ""), as their whole reports (readRolloutReports) would say
 * them, from three reads: the review and task counts, and the completion sketches. A whole report also reads the
 * window's actors, categories and agreement pairs; a view that shows only these figures would throw them away, and
 * the largest rollouts (enterprise-wide ones, which no gate judges) have by far the most actors.
 */
export async function readRolloutWindowFigures(
  tx: SqlExecutor,
  rollouts: readonly RolloutReportInput[],
  window: { from: string; to: string },
  manual: Map<string, Sketch>,
): Promise<Map<string, WindowFigures>> {
  const total = { ...window, granularity: "total" as const };
  const [counts, sketches] = await Promise.all([readRolloutCounts(tx, rollouts, total), readDurationSketches(tx, rolloutPeriodQuery(rollouts, total))]);
  return new Map(
    rollouts.map((rollout) => {
      const { periodStart, ...windowCounts } = counts.get(periodKey(rollout, ""))![0]!;
      const agent = sketches.get(periodKey(rollout, periodStart))?.agent ?? new Map<number, number>();
      const baseline = chooseBaseline(rollout.configuredBaselineP50, manualCompletionsOf(rollout, manual));
      return [periodKey(rollout, ""), { ...windowCounts, ...windowSummary(mergeSketches([agent]), baseline) }];
    }),
  );
}

/**
 * The review and task counts of many rollouts per period, keyed periodKey(rollout, ""): a report's first two reads
 * alone, for a view that shows only review and task rates (the portfolio's weekly sparklines). The actors, durations,
 * categories and agreement a whole report also reads are its largest reads, and such a view would throw them away.
 */
export async function readRolloutCounts(
  tx: SqlExecutor,
  rollouts: readonly RolloutKey[],
  window: { from: string; to: string; granularity: Granularity },
): Promise<Map<string, PeriodCounts[]>> {
  const query = rolloutPeriodQuery(rollouts, window);
  const { periods } = query;
  const [rollups, tasks] = await Promise.all([readRollupCounts(tx, query), readTaskCounts(tx, query)]);
  return new Map(
    rollouts.map((rollout) => [
      periodKey(rollout, ""),
      periods.map(({ start }) => periodCounts(start, rollups.get(periodKey(rollout, start)) ?? NO_COUNTS, tasks.get(periodKey(rollout, start)))),
    ]),
  );
}

export async function metricsReport(db: Database, query: MetricsQuery): Promise<MetricsReport> {
  const { workflow, cohort, ...window } = query;
  const [report] = await metricsReports(db, { workflow, cohort }, [window]);
  return report;
}

/** Reports of one workflow (one cohort or all) over several windows or granularities, from one snapshot, in order. */
export async function metricsReports<const W extends readonly ReportWindow[]>(
  db: Database,
  scope: { workflow: string; cohort?: string },
  windows: W,
): Promise<{ [K in keyof W]: MetricsReport }> {
  const timezone = await installationTimezone(db);
  const reports = await db.sql.read(async (tx) => readReports(tx, await readRolloutConfig(tx, scope.workflow, scope.cohort), scope, windows, timezone));
  return reports as { [K in keyof W]: MetricsReport };
}
