// A rollout's page of the weekly PDF: its heading with the verdict, the verdict's reasons, the week's key figures,
// the gate criteria (with the reasons of those that did not pass) and the recent weeks' trend.
import type { CriterionResult, CriterionVerdict } from "@/lib/gates/evaluate";
import { formatCount, formatDuration, formatPercent, formatReviewSources, NO_VALUE, plural } from "@/lib/ui/format";
import { CRITERION_VERDICT_LABELS, formatMetricBounds, formatMetricValue, formatThreshold, metricInfo, PHASE_LABELS } from "@/lib/ui/labels";
import { drawTrendChart } from "./pdfChart";
import { type Column, COLORS, CONTENT, drawBadge, drawTable, drawText, horizontalRule, type PageCursor, textHeight, type TextStyle } from "./pdfLayout";
import {
  BODY_STYLE,
  drawSectionTitle,
  HEADING_STYLE,
  META_STYLE,
  NOTE_STYLE,
  rolloutTitle,
  SECTION_GAP,
  SECTION_STYLE,
  sentence,
  tierLabel,
  verdictBadge,
} from "./pdfStyle";
import type { WeeklyRow } from "./weekly";

const CRITERION_COLORS: Record<CriterionVerdict, string> = {
  pass: "#1b5a34",
  fail: "#8a1c12",
  inconclusive: "#744a0c",
  insufficient: "#744a0c",
};

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
    { label: "Reviews", value: formatCount(metrics.reviews), detail: formatReviewSources(metrics.reviews, metrics.sampledReviews.reviews) },
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
  const windowNote = "Judged on the gate template's window of whole weeks ending with this one, so n can exceed this week's counts.";
  cursor.y += drawText(doc, windowNote, CONTENT.left, cursor.y - 1, CONTENT.width, NOTE_STYLE) + 5;
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

export function drawRollout(doc: PDFKit.PDFDocument, cursor: PageCursor, row: WeeklyRow): void {
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

