// The weekly scorecard as a board-ready PDF: a summary of every rollout with its verdict, then a page per rollout
// with the verdict's reasons, the week's key figures, the gate criteria and the recent weeks' trend. Rendered on the
// server with pdfkit (pure JS, no browser) in the standard Helvetica fonts, so nothing is downloaded. Figures are
// written by the dashboard's formatters (lib/ui), so a number reads the same in the PDF as on the pages.
//
// The output is deterministic: the document's dates and its file ID come from `generatedAt`, never from the clock,
// so the same export renders to the same bytes.
import PDFDocument from "pdfkit";
import type { CriterionResult, CriterionVerdict } from "@/lib/gates/evaluate";
import type { Verdict } from "@/lib/gates/verdict";
import {
  formatCount,
  formatDuration,
  formatInstant,
  formatPercent,
  formatWindow,
  NO_VALUE,
  plural,
} from "@/lib/ui/format";
import {
  CRITERION_VERDICT_LABELS,
  formatMetricBounds,
  formatMetricValue,
  formatThreshold,
  metricInfo,
  NO_GATE_LABEL,
  PHASE_LABELS,
  TIER_LABELS,
  VERDICT_LABELS,
} from "@/lib/ui/labels";
import { drawTrendChart } from "./pdfChart";
import {
  type Badge,
  type Cell,
  type Column,
  COLORS,
  CONTENT,
  drawBadge,
  drawTable,
  drawText,
  horizontalRule,
  PAGE,
  PageCursor,
  textHeight,
  textWidth,
  type TextStyle,
} from "./pdfLayout";
import type { WeeklyExport, WeeklyRow } from "./weekly";

// A badge's word is in capitals, like the verdicts': "NO GATE".
const VERDICT_BADGES: Record<Verdict | "none", Badge> = {
  go: { word: VERDICT_LABELS.go, fill: "#e3f1e7", border: "#2f7d4f", text: "#1b5a34" },
  hold: { word: VERDICT_LABELS.hold, fill: "#fcf0d9", border: "#b7791f", text: "#744a0c" },
  no_go: { word: VERDICT_LABELS.no_go, fill: "#fae3e1", border: "#b42318", text: "#8a1c12" },
  none: { word: NO_GATE_LABEL.toUpperCase(), fill: "#eef0f3", border: "#8a94a3", text: "#47505c" },
};

function verdictBadge(verdict: Verdict | null): Badge {
  return VERDICT_BADGES[verdict ?? "none"];
}

const CRITERION_COLORS: Record<CriterionVerdict, string> = {
  pass: "#1b5a34",
  fail: "#8a1c12",
  inconclusive: "#744a0c",
  insufficient: "#744a0c",
};

const TITLE_STYLE: TextStyle = { size: 18, bold: true };
const HEADING_STYLE: TextStyle = { size: 15, bold: true };
const SECTION_STYLE: TextStyle = { size: 10, bold: true };
const BODY_STYLE: TextStyle = { size: 9 };
const META_STYLE: TextStyle = { size: 8.5, color: COLORS.muted };
const NOTE_STYLE: TextStyle = { size: 7.5, color: COLORS.muted };
const SECTION_GAP = 14;

function tierLabel(tier: string): string {
  return (TIER_LABELS as Record<string, string>)[tier] ?? tier;
}

function documentTitle(week: string): string {
  return `Tollgate weekly scorecard — ${week}`;
}

function rolloutTitle(row: WeeklyRow): string {
  return `${row.workflowName} × ${row.cohortName}`;
}

/** A reason as a sentence on its own line: the gates write them to follow a colon, in lower case. */
function sentence(reason: string): string {
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

function drawSectionTitle(doc: PDFKit.PDFDocument, cursor: PageCursor, title: string): void {
  cursor.y += drawText(doc, title, CONTENT.left, cursor.y, CONTENT.width, SECTION_STYLE) + 4;
}

// ---- Summary ------------------------------------------------------------------------------------------------

function rateCell(pick: (row: WeeklyRow) => { value: number | null }): (row: WeeklyRow) => Cell {
  return (row) => ({ text: formatPercent(pick(row).value) });
}

/** Column widths are set so the longest header word and a 7-figure count fit on one line. */
const SUMMARY_DATA_COLUMNS: Column<WeeklyRow>[] = [
  { header: "Workflow", width: 82, cell: (row) => ({ text: row.workflowName, detail: `${tierLabel(row.tier)} tier` }) },
  { header: "Cohort", width: 74, cell: (row) => ({ text: row.cohortName, detail: row.department }) },
  { header: "Phase", width: 52, cell: (row) => ({ text: PHASE_LABELS[row.phase] }) },
  { header: "Outputs", width: 40, align: "right", cell: (row) => ({ text: formatCount(row.metrics.outputs) }) },
  { header: "Reviews", width: 38, align: "right", cell: (row) => ({ text: formatCount(row.metrics.reviews) }) },
  { header: "Precision", width: 40, align: "right", cell: rateCell((row) => row.metrics.precision) },
  { header: "Correction rate", width: 44, align: "right", cell: rateCell((row) => row.metrics.correctionRate) },
  { header: "Escalation rate", width: 44, align: "right", cell: rateCell((row) => row.metrics.escalationRate) },
  { header: "Cycle-time reduction", width: 50, align: "right", cell: rateCell((row) => row.cycleTimeReduction) },
];

const SUMMARY_COLUMNS: Column<WeeklyRow>[] = [
  ...SUMMARY_DATA_COLUMNS,
  {
    header: "Verdict",
    width: CONTENT.width - SUMMARY_DATA_COLUMNS.reduce((sum, column) => sum + column.width, 0),
    cell: (row) => ({ badge: verdictBadge(row.verdict) }),
  },
];

/** One badge per verdict with how many rollouts reached it, so the week's outcome reads at a glance. */
function drawVerdictTally(doc: PDFKit.PDFDocument, cursor: PageCursor, rows: readonly WeeklyRow[]): void {
  const kinds: (Verdict | null)[] = ["go", "hold", "no_go", null];
  const badge = { width: 54, height: 18 };
  let x = CONTENT.left;
  for (const kind of kinds) {
    drawBadge(doc, verdictBadge(kind), { x, y: cursor.y, ...badge });
    const count = rows.filter((row) => row.verdict === kind).length;
    const label = plural(count, "rollout", "rollouts");
    const style: TextStyle = { size: 9.5, color: count === 0 ? COLORS.muted : COLORS.ink, bold: count > 0 };
    drawText(doc, label, x + badge.width + 6, cursor.y + 4.5, 80, style);
    x += badge.width + 6 + textWidth(doc, label, style) + 22;
  }
  cursor.y += badge.height;
}

function drawSummary(doc: PDFKit.PDFDocument, cursor: PageCursor, report: WeeklyExport): void {
  cursor.newPage();
  doc.outline.addItem("Summary");
  cursor.y += drawText(doc, documentTitle(report.week), CONTENT.left, cursor.y, CONTENT.width, TITLE_STYLE) + 4;
  const period = `${formatWindow(report.from, report.to)} (${report.timezone})`;
  const meta = `Week ${report.week}: ${period} · generated ${formatInstant(report.generatedAt, report.timezone)}`;
  cursor.y += drawText(doc, meta, CONTENT.left, cursor.y, CONTENT.width, META_STYLE) + 12;
  horizontalRule(doc, cursor.y);
  cursor.y += SECTION_GAP;

  drawSectionTitle(doc, cursor, `Verdicts of ${plural(report.rows.length, "rollout", "rollouts")}, as of the end of the week`);
  cursor.y += 2;
  drawVerdictTally(doc, cursor, report.rows);
  cursor.y += SECTION_GAP + 4;

  drawSectionTitle(doc, cursor, "All rollouts");
  if (report.rows.length === 0) {
    cursor.y += drawText(doc, "There are no rollouts to report on.", CONTENT.left, cursor.y, CONTENT.width, BODY_STYLE);
    return;
  }
  drawTable(doc, cursor, SUMMARY_COLUMNS, report.rows, () =>
    drawSectionTitle(doc, cursor, `All rollouts, week ${report.week} (continued)`),
  );
  cursor.y += 8;
  const note =
    "Rates are shares of the week's reviews (precision, correction rate) and tasks (escalation rate); cycle-time " +
    `reduction compares the median agent cycle time with the cohort's baseline. ${NO_VALUE} means there was nothing to ` +
    "estimate from. Each rollout's page gives the 95% intervals and the reasons for its verdict.";
  cursor.reserve(textHeight(doc, note, CONTENT.width, NOTE_STYLE));
  cursor.y += drawText(doc, note, CONTENT.left, cursor.y, CONTENT.width, NOTE_STYLE);
}

// ---- Rollout pages ------------------------------------------------------------------------------------------

const CRITERIA_DATA_COLUMNS: Column<CriterionResult>[] = [
  { header: "Metric", width: 150, cell: (criterion) => ({ text: metricInfo(criterion.metric).label }) },
  { header: "Value", width: 58, align: "right", cell: (criterion) => ({ text: formatMetricValue(criterion.metric, criterion.value) }) },
  { header: "95% interval", width: 96, align: "right", cell: (criterion) => ({ text: formatMetricBounds(criterion.metric, criterion) }) },
  {
    header: "Threshold",
    width: 66,
    align: "right",
    cell: (criterion) => ({ text: formatThreshold(criterion.metric, criterion.op, criterion.threshold) }),
  },
  {
    header: "n / min. sample",
    width: 72,
    align: "right",
    cell: (criterion) => ({
      text: `${formatCount(criterion.n)} / ${criterion.minSample === null ? NO_VALUE : formatCount(criterion.minSample)}`,
    }),
  },
];

const CRITERIA_COLUMNS: Column<CriterionResult>[] = [
  ...CRITERIA_DATA_COLUMNS,
  {
    header: "Verdict",
    width: CONTENT.width - CRITERIA_DATA_COLUMNS.reduce((sum, column) => sum + column.width, 0),
    cell: (criterion) => ({ text: CRITERION_VERDICT_LABELS[criterion.verdict], color: CRITERION_COLORS[criterion.verdict], bold: true }),
  },
];

const ROLLOUT_BADGE = { width: 84, height: 24 };

function drawRolloutHeading(doc: PDFKit.PDFDocument, cursor: PageCursor, row: WeeklyRow): void {
  const titleWidth = CONTENT.width - ROLLOUT_BADGE.width - 16;
  drawBadge(doc, verdictBadge(row.verdict), { x: CONTENT.left + CONTENT.width - ROLLOUT_BADGE.width, y: cursor.y, ...ROLLOUT_BADGE });
  const titleHeight = drawText(doc, rolloutTitle(row), CONTENT.left, cursor.y, titleWidth, HEADING_STYLE);
  const gate = row.template ? `gate template ${row.template.key} v${row.template.version}` : "no gate template applies";
  const meta = `${tierLabel(row.tier)} tier · ${row.department} · ${PHASE_LABELS[row.phase]} phase · ${gate}`;
  const metaHeight = drawText(doc, meta, CONTENT.left, cursor.y + titleHeight + 3, titleWidth, META_STYLE);
  cursor.y += Math.max(titleHeight + 3 + metaHeight, ROLLOUT_BADGE.height) + 10;
  horizontalRule(doc, cursor.y);
  cursor.y += 12;
}

function drawReasons(doc: PDFKit.PDFDocument, cursor: PageCursor, row: WeeklyRow, continuation: () => void): void {
  drawSectionTitle(doc, cursor, `Why ${verdictBadge(row.verdict).word}`);
  const reasons =
    row.verdict === null
      ? [`No gate template applies to the ${PHASE_LABELS[row.phase].toLowerCase()} phase, so the rollout has no verdict this week.`]
      : row.reasons.map(sentence);
  const bulletIndent = 11;
  for (const reason of reasons) {
    const height = textHeight(doc, reason, CONTENT.width - bulletIndent, BODY_STYLE);
    cursor.reserve(height, continuation);
    drawText(doc, "•", CONTENT.left + 2, cursor.y, bulletIndent, BODY_STYLE);
    cursor.y += drawText(doc, reason, CONTENT.left + bulletIndent, cursor.y, CONTENT.width - bulletIndent, BODY_STYLE) + 3;
  }
}

function keyFigures(row: WeeklyRow): { label: string; value: string; detail?: string }[] {
  const { metrics, baseline } = row;
  return [
    { label: "Outputs", value: formatCount(metrics.outputs) },
    { label: "Reviews", value: formatCount(metrics.reviews) },
    { label: "Review coverage", value: formatPercent(metrics.reviewCoverage.value), detail: "of outputs" },
    { label: "Tasks", value: formatCount(metrics.tasks), detail: `${formatCount(metrics.escalatedTasks)} escalated` },
    { label: "Active users", value: formatCount(metrics.activeActors) },
    {
      label: "Cycle time, median",
      value: formatDuration(metrics.cycleTime.agent.p50),
      detail: baseline.p50 === null ? "no baseline" : `baseline ${formatDuration(baseline.p50)}`,
    },
    { label: "Cycle-time reduction", value: formatPercent(row.cycleTimeReduction.value), detail: "vs the baseline" },
  ];
}

/** The week's figures as a row of label-over-value tiles. */
function drawKeyFigures(doc: PDFKit.PDFDocument, cursor: PageCursor, row: WeeklyRow, continuation: () => void): void {
  const figures = keyFigures(row);
  const tileWidth = CONTENT.width / figures.length;
  // Inset 6pt from the tile's left edge, and 3pt clear of the separator on its right.
  const textWidthInTile = tileWidth - 9;
  const labelStyle: TextStyle = { size: 7, color: COLORS.muted };
  const valueStyle: TextStyle = { size: 11, bold: true };
  const detailStyle: TextStyle = { size: 7, color: COLORS.muted };
  const heightOf = (figure: (typeof figures)[number]) =>
    textHeight(doc, figure.label, textWidthInTile, labelStyle) +
    textHeight(doc, figure.value, textWidthInTile, valueStyle) +
    (figure.detail === undefined ? 0 : textHeight(doc, figure.detail, textWidthInTile, detailStyle));
  const height = Math.max(...figures.map(heightOf)) + 12;
  const title = "Key figures this week";
  cursor.reserve(textHeight(doc, title, CONTENT.width, SECTION_STYLE) + 4 + height, continuation);
  drawSectionTitle(doc, cursor, title);
  doc.rect(CONTENT.left, cursor.y, CONTENT.width, height).fill(COLORS.stripe);
  for (const [index, figure] of figures.entries()) {
    const x = CONTENT.left + index * tileWidth + 6;
    let y = cursor.y + 6;
    y += drawText(doc, figure.label, x, y, textWidthInTile, labelStyle);
    y += drawText(doc, figure.value, x, y, textWidthInTile, valueStyle);
    if (figure.detail !== undefined) drawText(doc, figure.detail, x, y, textWidthInTile, detailStyle);
    if (index > 0) {
      doc.moveTo(x - 6, cursor.y + 6).lineTo(x - 6, cursor.y + height - 6).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    }
  }
  cursor.y += height + SECTION_GAP;
}

function drawCriteria(doc: PDFKit.PDFDocument, cursor: PageCursor, row: WeeklyRow, continuation: () => void): void {
  // Room for the title, the note under it and the table's header with a row, so the title never ends a page alone.
  cursor.reserve(80, continuation);
  drawSectionTitle(doc, cursor, "Gate criteria");
  if (row.criteria.length === 0) {
    const text = row.template
      ? "The gate template has no criteria to judge by."
      : "No gate template applies, so no criteria were judged.";
    cursor.y += drawText(doc, text, CONTENT.left, cursor.y, CONTENT.width, BODY_STYLE) + SECTION_GAP;
    return;
  }
  // The criteria are judged on the gate template's window, which can span more weeks than this one.
  const scope = "Judged on the gate template's window of whole weeks ending with this one, so n can exceed this week's counts.";
  cursor.y += drawText(doc, scope, CONTENT.left, cursor.y - 1, CONTENT.width, NOTE_STYLE) + 5;
  drawTable(doc, cursor, CRITERIA_COLUMNS, row.criteria, continuation);
  cursor.y += 6;
  for (const criterion of row.criteria.filter((criterion) => criterion.verdict !== "pass")) {
    const note = sentence(criterion.reason);
    cursor.reserve(textHeight(doc, note, CONTENT.width, NOTE_STYLE), continuation);
    cursor.y += drawText(doc, note, CONTENT.left, cursor.y, CONTENT.width, NOTE_STYLE) + 2;
  }
  cursor.y += SECTION_GAP - 2;
}

/** The chart takes the rest of the page up to its full height, and moves to a page of its own below the minimum. */
const CHART_HEIGHT = { min: 140, max: 200 };

function drawTrend(doc: PDFKit.PDFDocument, cursor: PageCursor, row: WeeklyRow, continuation: () => void): void {
  const caption =
    "Weekly shares. Precision and correction rate are shares of the week's reviews, escalation rate of its tasks; " +
    "a gap is a week with none to estimate from.";
  const title = `Trend over the last ${plural(row.trend.length, "week", "weeks")}`;
  const besideChart = textHeight(doc, title, CONTENT.width, SECTION_STYLE) + 4 + 6 + textHeight(doc, caption, CONTENT.width, NOTE_STYLE);
  cursor.reserve(besideChart + CHART_HEIGHT.min, continuation);
  const height = Math.min(CHART_HEIGHT.max, CONTENT.bottom - cursor.y - besideChart);
  drawSectionTitle(doc, cursor, title);
  drawTrendChart(doc, row.trend, { x: CONTENT.left, y: cursor.y, width: CONTENT.width, height });
  cursor.y += height + 6;
  cursor.y += drawText(doc, caption, CONTENT.left, cursor.y, CONTENT.width, NOTE_STYLE);
}

function drawRollout(doc: PDFKit.PDFDocument, cursor: PageCursor, row: WeeklyRow): void {
  cursor.newPage();
  doc.outline.addItem(rolloutTitle(row));
  const continuation = () => {
    cursor.y += drawText(doc, `${rolloutTitle(row)} (continued)`, CONTENT.left, cursor.y, CONTENT.width, SECTION_STYLE) + 10;
  };
  drawRolloutHeading(doc, cursor, row);
  drawReasons(doc, cursor, row, continuation);
  cursor.y += SECTION_GAP - 3;
  drawKeyFigures(doc, cursor, row, continuation);
  drawCriteria(doc, cursor, row, continuation);
  drawTrend(doc, cursor, row, continuation);
}

// ---- Document -----------------------------------------------------------------------------------------------

/** Writes "page N of M" on every page once all pages exist, in the bottom margin. */
function drawFooters(doc: PDFKit.PDFDocument, week: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    const page = doc.switchToPage(index);
    // The footer lies below the bottom margin, where pdfkit would otherwise start a new page for it.
    const bottomMargin = page.margins.bottom;
    page.margins.bottom = 0;
    const y = PAGE.height - PAGE.margin / 2 - 4;
    const footer = `Tollgate · week ${week} · page ${index - start + 1} of ${count}`;
    drawText(doc, footer, CONTENT.left, y, CONTENT.width, { size: 7.5, color: COLORS.muted, align: "center" });
    page.margins.bottom = bottomMargin;
  }
}

export async function renderWeeklyPdf(report: WeeklyExport): Promise<Buffer> {
  const generatedAt = new Date(report.generatedAt);
  const doc = new PDFDocument({
    size: "A4",
    margin: PAGE.margin,
    autoFirstPage: false,
    bufferPages: true,
    lang: "en-US",
    displayTitle: true,
    // pdfkit derives the file ID from these entries, so with the creation date fixed the ID is reproducible too.
    // (Metadata is stored as Unicode, not drawn with the fonts, so it needs no pdfText.)
    info: {
      Title: documentTitle(report.week),
      Author: "Tollgate",
      Creator: "Tollgate",
      Subject: `Go / hold / no-go scorecards of the agent rollouts for ${report.week}`,
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const rendered = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const cursor = new PageCursor(doc);
  drawSummary(doc, cursor, report);
  for (const row of report.rows) drawRollout(doc, cursor, row);
  drawFooters(doc, report.week);
  doc.end();
  return rendered;
}
