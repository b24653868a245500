// The weekly PDF's page geometry, type styles and drawing helpers: text that is measured before it is placed, a
// cursor that knows when a page is full, verdict badges and a table that repeats its header on every page.
// Pages are broken here, explicitly, rather than by pdfkit's text flow, so a table row or a chart is never split
// and a continuation page always says what it continues.
import { pdfText } from "./pdfText";

/** A4 portrait in points with 40pt margins; the footer sits inside the bottom margin. */
export const PAGE = { width: 595.28, height: 841.89, margin: 40 } as const;
export const CONTENT = {
  left: PAGE.margin,
  top: PAGE.margin,
  width: PAGE.width - 2 * PAGE.margin,
  bottom: PAGE.height - PAGE.margin,
} as const;

/** A restrained palette: near-black text, grey structure; colour is kept for verdicts and the chart's series. */
export const COLORS = {
  ink: "#1f2933",
  muted: "#5f6b7a",
  rule: "#d5dae1",
  headerFill: "#eef1f5",
  stripe: "#f8f9fb",
} as const;

const REGULAR = "Helvetica";
const BOLD = "Helvetica-Bold";
const LINE_GAP = 1.5;
/** Helvetica's cap height (and ascender) as a share of the font size, from its AFM metrics. */
const HELVETICA_CAP_HEIGHT = 0.718;

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
  align?: "left" | "center" | "right";
}

function applyStyle(doc: PDFKit.PDFDocument, style: TextStyle): void {
  doc
    .font(style.bold ? BOLD : REGULAR)
    .fontSize(style.size)
    .fillColor(style.color ?? COLORS.ink);
}

/** The height `text` takes when wrapped to `width` in `style`. */
export function textHeight(doc: PDFKit.PDFDocument, text: string, width: number, style: TextStyle): number {
  applyStyle(doc, style);
  return doc.heightOfString(pdfText(text), { width, lineGap: LINE_GAP });
}

export function textWidth(doc: PDFKit.PDFDocument, text: string, style: TextStyle): number {
  applyStyle(doc, style);
  return doc.widthOfString(pdfText(text));
}

/** Draws `text` wrapped to `width` with its top at `y`; returns the height it took. */
export function drawText(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, style: TextStyle): number {
  const height = textHeight(doc, text, width, style);
  doc.text(pdfText(text), x, y, { width, align: style.align ?? "left", lineGap: LINE_GAP });
  return height;
}

export function horizontalRule(doc: PDFKit.PDFDocument, y: number, color: string = COLORS.rule): void {
  doc
    .moveTo(CONTENT.left, y)
    .lineTo(CONTENT.left + CONTENT.width, y)
    .lineWidth(0.75)
    .strokeColor(color)
    .stroke();
}

/** The vertical position on the current page, and the page breaks. */
export class PageCursor {
  y: number = CONTENT.top;

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  newPage(): void {
    this.doc.addPage();
    this.y = CONTENT.top;
  }

  /** Starts a new page, and lets `continuation` head it, unless `height` still fits on this one. */
  reserve(height: number, continuation?: () => void): void {
    if (this.y + height <= CONTENT.bottom) return;
    this.newPage();
    continuation?.();
  }
}

/** A verdict as a word in a tinted rounded box: the colour helps the eye, the word carries the meaning. */
export interface Badge {
  word: string;
  fill: string;
  border: string;
  text: string;
}

export function drawBadge(
  doc: PDFKit.PDFDocument,
  badge: Badge,
  box: { x: number; y: number; width: number; height: number },
): void {
  doc
    .roundedRect(box.x, box.y, box.width, box.height, box.height / 2.5)
    .lineWidth(0.75)
    .fillAndStroke(badge.fill, badge.border);
  const size = box.height * 0.5;
  const style: TextStyle = { size, bold: true, color: badge.text, align: "center" };
  // Centred on the capitals, which is what the eye centres an uppercase word on: pdfkit puts the top of the line at
  // the font's ascender, which in Helvetica is the cap height.
  const top = box.y + (box.height - size * HELVETICA_CAP_HEIGHT) / 2;
  drawText(doc, badge.word, box.x, top, box.width, style);
}

/** A table cell: text with an optional smaller second line in grey, or a badge. */
export type Cell = { text: string; detail?: string; bold?: boolean; color?: string } | { badge: Badge };

export interface Column<Row> {
  header: string;
  width: number;
  align?: "left" | "right";
  cell: (row: Row) => Cell;
}

const CELL_PADDING = { x: 4, y: 4 } as const;
const CELL_STYLE: TextStyle = { size: 8 };
const DETAIL_STYLE: TextStyle = { size: 7, color: COLORS.muted };
const HEADER_STYLE: TextStyle = { size: 7, bold: true, color: COLORS.muted };
const TABLE_BADGE_HEIGHT = 13;

function contentWidth(columnWidth: number): number {
  return columnWidth - 2 * CELL_PADDING.x;
}

function cellHeight(doc: PDFKit.PDFDocument, cell: Cell, columnWidth: number): number {
  if ("badge" in cell) return TABLE_BADGE_HEIGHT;
  const width = contentWidth(columnWidth);
  const main = textHeight(doc, cell.text, width, { ...CELL_STYLE, bold: cell.bold });
  return cell.detail === undefined ? main : main + textHeight(doc, cell.detail, width, DETAIL_STYLE);
}

function drawCell(doc: PDFKit.PDFDocument, cell: Cell, x: number, y: number, columnWidth: number, align: "left" | "right"): void {
  const width = contentWidth(columnWidth);
  if ("badge" in cell) {
    drawBadge(doc, cell.badge, { x: x + CELL_PADDING.x, y, width, height: TABLE_BADGE_HEIGHT });
    return;
  }
  const main = drawText(doc, cell.text, x + CELL_PADDING.x, y, width, { ...CELL_STYLE, bold: cell.bold, color: cell.color, align });
  if (cell.detail !== undefined) drawText(doc, cell.detail, x + CELL_PADDING.x, y + main, width, { ...DETAIL_STYLE, align });
}

function drawHeader<Row>(doc: PDFKit.PDFDocument, cursor: PageCursor, columns: readonly Column<Row>[], height: number): void {
  doc.rect(CONTENT.left, cursor.y, CONTENT.width, height).fill(COLORS.headerFill);
  let x = CONTENT.left;
  for (const column of columns) {
    const style: TextStyle = { ...HEADER_STYLE, align: column.align ?? "left" };
    drawText(doc, column.header, x + CELL_PADDING.x, cursor.y + CELL_PADDING.y, contentWidth(column.width), style);
    x += column.width;
  }
  cursor.y += height;
  horizontalRule(doc, cursor.y, COLORS.muted);
}

/**
 * Draws rows under a header row, striped for reading across. A row that does not fit goes to a new page, which
 * `continuation` heads before the header is repeated.
 */
export function drawTable<Row>(
  doc: PDFKit.PDFDocument,
  cursor: PageCursor,
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  continuation: () => void,
): void {
  const headerHeight =
    Math.max(...columns.map((column) => textHeight(doc, column.header, contentWidth(column.width), HEADER_STYLE))) +
    2 * CELL_PADDING.y;
  const rowHeights = rows.map(
    (row) => Math.max(...columns.map((column) => cellHeight(doc, column.cell(row), column.width))) + 2 * CELL_PADDING.y,
  );
  // The header never ends a page alone: it needs room for the first row under it.
  cursor.reserve(headerHeight + (rowHeights[0] ?? 0), continuation);
  drawHeader(doc, cursor, columns, headerHeight);
  for (const [index, row] of rows.entries()) {
    const height = rowHeights[index] ?? 0;
    cursor.reserve(height, () => {
      continuation();
      drawHeader(doc, cursor, columns, headerHeight);
    });
    if (index % 2 === 1) doc.rect(CONTENT.left, cursor.y, CONTENT.width, height).fill(COLORS.stripe);
    let x = CONTENT.left;
    for (const column of columns) {
      drawCell(doc, column.cell(row), x, cursor.y + CELL_PADDING.y, column.width, column.align ?? "left");
      x += column.width;
    }
    cursor.y += height;
    horizontalRule(doc, cursor.y);
  }
}
