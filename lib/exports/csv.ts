// The weekly export as CSV (RFC 4180 via csv-stringify) and JSON. Column set, schema version 1:
// the first 13 columns are the stable core a spreadsheet can rely on week after week; later versions only append
// columns, and a change that renames or drops one bumps `schema_version`, which every row carries.
import { stringify } from "csv-stringify/sync";
import type { Interval } from "@/lib/metrics/wilson";
import type { WeeklyExport, WeeklyRow } from "./weekly";

export const EXPORT_SCHEMA_VERSION = 1;

type Cell = string | number | null;

/** Durations are sketch estimates; whole milliseconds are all the precision they carry. */
const ms = (value: number | null): Cell => (value === null ? null : Math.round(value));

const interval = (name: string, pick: (row: WeeklyRow) => Interval): [string, (row: WeeklyRow) => Cell][] => [
  [`${name}_low`, (row) => pick(row).low],
  [`${name}_high`, (row) => pick(row).high],
];

/** Column name → value; the order is the file's column order. */
export const CSV_COLUMNS: readonly [string, (row: WeeklyRow) => Cell][] = [
  ["week", (row) => row.week],
  ["workflow", (row) => row.workflow],
  ["cohort", (row) => row.cohort],
  ["phase", (row) => row.phase],
  ["outputs", (row) => row.metrics.outputs],
  ["reviews", (row) => row.metrics.reviews],
  ["precision", (row) => row.metrics.precision.value],
  ["correction_rate", (row) => row.metrics.correctionRate.value],
  ["heavy_correction_rate", (row) => row.metrics.heavyCorrectionRate.value],
  ["escalation_rate", (row) => row.metrics.escalationRate.value],
  ["cycle_time_p50_ms", (row) => ms(row.metrics.cycleTime.agent.p50)],
  ["baseline_p50_ms", (row) => ms(row.baseline.p50)],
  ["verdict", (row) => row.verdict],
  ...interval("precision", (row) => row.metrics.precision),
  ...interval("correction_rate", (row) => row.metrics.correctionRate),
  ...interval("heavy_correction_rate", (row) => row.metrics.heavyCorrectionRate),
  ...interval("escalation_rate", (row) => row.metrics.escalationRate),
  ["review_coverage", (row) => row.metrics.reviewCoverage.value],
  ...interval("review_coverage", (row) => row.metrics.reviewCoverage),
  ["accepted", (row) => row.metrics.accepted],
  ["light_edits", (row) => row.metrics.lightEdits],
  ["heavy_edits", (row) => row.metrics.heavyEdits],
  ["rejected", (row) => row.metrics.rejected],
  ["tasks", (row) => row.metrics.tasks],
  ["escalated_tasks", (row) => row.metrics.escalatedTasks],
  ["agent_completions", (row) => row.metrics.cycleTime.agent.n],
  ["cycle_time_p90_ms", (row) => ms(row.metrics.cycleTime.agent.p90)],
  ["baseline_source", (row) => row.baseline.source],
  ["cycle_time_reduction", (row) => row.cycleTimeReduction.value],
  ...interval("cycle_time_reduction", (row) => row.cycleTimeReduction),
  ["active_actors", (row) => row.metrics.activeActors],
  ["adoption_rate", (row) => row.metrics.adoptionRate.value],
  ...interval("adoption_rate", (row) => row.metrics.adoptionRate),
  ["incidents", (row) => row.metrics.incidents.total],
  ["incidents_severity1", (row) => row.metrics.incidents.bySeverity["1"] ?? 0],
  ["template", (row) => row.template?.key ?? null],
  ["template_version", (row) => row.template?.version ?? null],
  ["workflow_name", (row) => row.workflowName],
  ["cohort_name", (row) => row.cohortName],
  ["department", (row) => row.department],
  ["tier", (row) => row.tier],
  ["schema_version", () => EXPORT_SCHEMA_VERSION],
  // Appended: feedback from the people who asked (thumbs, CSAT), which is never a review.
  ["positive_feedback_rate", (row) => row.metrics.positiveFeedbackRate.value],
  ...interval("positive_feedback_rate", (row) => row.metrics.positiveFeedbackRate),
  ["feedback_ratings", (row) => row.metrics.feedbackRatings],
  ["csat_mean", (row) => row.metrics.csatMean.value],
  ...interval("csat_mean", (row) => row.metrics.csatMean),
  ["csat_responses", (row) => row.metrics.csatMean.n],
  // Appended: where the reviews came from (the review queue's random sample, or integrations), and reviewer agreement.
  ["sampled_reviews", (row) => row.metrics.sampledReviews.reviews],
  ["integration_reviews", (row) => row.metrics.reviews - row.metrics.sampledReviews.reviews],
  ["double_reviewed", (row) => row.agreement.n],
  ["reviewer_agreement", (row) => row.agreement.percentAgreement.value],
  ...interval("reviewer_agreement", (row) => row.agreement.percentAgreement),
  ["reviewer_kappa", (row) => row.agreement.kappa.value],
  ...interval("reviewer_kappa", (row) => row.agreement.kappa),
];

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula; prefixing an
 * apostrophe keeps it text (OWASP's advice for CSV injection). Numbers are written as numbers and never altered.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: Cell): string | number {
  if (value === null || (typeof value === "number" && !Number.isFinite(value))) return "";
  return typeof value === "number" ? value : neutralizeFormula(value);
}

export function weeklyCsv(report: WeeklyExport): string {
  return stringify(
    report.rows.map((row) => CSV_COLUMNS.map(([, value]) => cell(value(row)))),
    { header: true, columns: CSV_COLUMNS.map(([name]) => name), record_delimiter: "windows" },
  );
}

export function weeklyJson(report: WeeklyExport) {
  const templates = new Map(report.rows.flatMap((row) => (row.template ? [[`${row.template.key}@${row.template.version}`, row.template]] : [])));
  return {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    week: report.week,
    from: report.from,
    to: report.to,
    timezone: report.timezone,
    generatedAt: report.generatedAt,
    templates: [...templates.values()],
    rows: report.rows.map(({ trend: _trend, ...row }) => row),
  };
}
