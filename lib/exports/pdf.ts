// The weekly scorecard as a board-ready PDF: a summary of every rollout with its verdict, then a page per rollout
// with the verdict's reasons, the week's key figures, the gate criteria and the recent weeks' trend. Rendered on the
// server with pdfkit (pure JS, no browser) in the standard Helvetica fonts, so nothing is downloaded. Figures are
// written by the dashboard's formatters (lib/ui), so a number reads the same in the PDF as on the pages.
//
// The output is deterministic: the document's dates and its file ID come from `generatedAt`, never from the clock,
// so the same export renders to the same bytes. The summary is drawn here, a rollout's page in pdfRollout.ts; both
// take their styles and verdict badges from pdfStyle.ts.
import PDFDocument from "pdfkit";
import type { Verdict } from "@/lib/gates/verdict";
import { formatCount, formatInstant, formatPercent, formatWindow, NO_VALUE, plural } from "@/lib/ui/format";
import { PHASE_LABELS } from "@/lib/ui/labels";
import { type Cell, type Column, COLORS, CONTENT, drawBadge, drawTable, drawText, horizontalRule, PAGE, PageCursor, textHeight, textWidth, type TextStyle } from "./pdfLayout";
import { drawRollout } from "./pdfRollout";
import { BODY_STYLE, documentTitle, drawSectionTitle, META_STYLE, NOTE_STYLE, SECTION_GAP, tierLabel, TITLE_STYLE, verdictBadge } from "./pdfStyle";
import type { WeeklyExport, WeeklyRow } from "./weekly";

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
