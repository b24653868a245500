// The rollout page's trend chart, drawn with pdfkit's vector primitives: precision, correction rate and escalation
// rate per week on a 0–100% axis, with precision's 95% interval as a light band. Each series differs by colour,
// dash pattern and marker shape, so the chart still reads in greyscale print. A week without data is a gap in its
// line, never a zero.
import type { Interval } from "@/lib/metrics/wilson";
import { COLORS, drawText, textWidth, type TextStyle } from "./pdfLayout";
import type { WeeklyRow } from "./weekly";

type TrendPoint = WeeklyRow["trend"][number];
type Marker = "circle" | "square" | "triangle";

interface Series {
  label: string;
  pick: (point: TrendPoint) => Interval;
  color: string;
  /** On and off lengths of the dash pattern; null for a solid line. */
  dash: { on: number; off: number } | null;
  marker: Marker;
}

const SERIES: readonly Series[] = [
  { label: "Precision", pick: (point) => point.precision, color: "#1f4e79", dash: null, marker: "circle" },
  { label: "Correction rate", pick: (point) => point.correctionRate, color: "#b45309", dash: { on: 5, off: 3 }, marker: "square" },
  { label: "Escalation rate", pick: (point) => point.escalationRate, color: "#6b3fa0", dash: { on: 1, off: 2.5 }, marker: "triangle" },
];

const PRECISION_BAND_COLOR = "#d9e5f1";
const LINE_WIDTH = 1.4;
const MARKER_RADIUS = 2.4;
const AXIS_STYLE: TextStyle = { size: 7, color: COLORS.muted };
const LEGEND_STYLE: TextStyle = { size: 7.5 };
const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];
const LEGEND_HEIGHT = 16;
const Y_AXIS_WIDTH = 28;
const X_AXIS_HEIGHT = 14;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** "2026-W40" → "W40": the year is in the page's heading, the week number is what tells points apart. */
function weekNumberLabel(week: string): string {
  return week.slice(week.indexOf("W"));
}

/** The runs of consecutive known values, each value with its week's index: the pieces a line with gaps is drawn in. */
function segments<T>(values: readonly (T | null)[]): { index: number; value: T }[][] {
  const result: { index: number; value: T }[][] = [];
  let current: { index: number; value: T }[] = [];
  for (const [index, value] of values.entries()) {
    if (value !== null) current.push({ index, value });
    else if (current.length > 0) {
      result.push(current);
      current = [];
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

function strokeStyle(doc: PDFKit.PDFDocument, series: Series): void {
  // Round caps turn the very short dashes of a dotted pattern into dots.
  doc.lineWidth(LINE_WIDTH).strokeColor(series.color).lineCap(series.dash && series.dash.on < 2 ? "round" : "butt");
  if (series.dash) doc.dash(series.dash.on, { space: series.dash.off });
  else doc.undash();
}

function drawMarker(doc: PDFKit.PDFDocument, marker: Marker, x: number, y: number, color: string): void {
  doc.undash().lineWidth(0.8);
  const r = MARKER_RADIUS;
  if (marker === "circle") doc.circle(x, y, r);
  else if (marker === "square") doc.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
  else doc.polygon([x, y - r * 1.15], [x + r * 1.1, y + r * 0.8], [x - r * 1.1, y + r * 0.8]);
  doc.fillAndStroke(color, color);
}

function drawLegend(doc: PDFKit.PDFDocument, box: Box): void {
  const sampleLength = 22;
  const middle = box.y + LEGEND_HEIGHT / 2 - 2;
  let x = box.x + Y_AXIS_WIDTH;
  for (const series of SERIES) {
    strokeStyle(doc, series);
    doc.moveTo(x, middle).lineTo(x + sampleLength, middle).stroke();
    drawMarker(doc, series.marker, x + sampleLength / 2, middle, series.color);
    const labelWidth = textWidth(doc, series.label, LEGEND_STYLE) + 1;
    drawText(doc, series.label, x + sampleLength + 4, middle - 3.5, labelWidth, LEGEND_STYLE);
    x += sampleLength + 4 + labelWidth + 16;
  }
  const bandLabel = "Precision 95% interval";
  doc.rect(x, middle - 4, sampleLength, 8).fill(PRECISION_BAND_COLOR);
  drawText(doc, bandLabel, x + sampleLength + 4, middle - 3.5, textWidth(doc, bandLabel, LEGEND_STYLE) + 1, LEGEND_STYLE);
}

/** Draws the chart of `trend` (oldest week first) into `box`. */
export function drawTrendChart(doc: PDFKit.PDFDocument, trend: readonly TrendPoint[], box: Box): void {
  drawLegend(doc, box);
  const plot = {
    left: box.x + Y_AXIS_WIDTH,
    right: box.x + box.width,
    top: box.y + LEGEND_HEIGHT + 6,
    bottom: box.y + box.height - X_AXIS_HEIGHT,
  };
  // Each week gets an equal slot and its point sits in the middle, so the first and last are not on the frame.
  const slot = (plot.right - plot.left) / Math.max(trend.length, 1);
  const xOf = (index: number) => plot.left + (index + 0.5) * slot;
  const yOf = (share: number) => plot.bottom - share * (plot.bottom - plot.top);

  for (const tick of Y_TICKS) {
    const y = yOf(tick);
    doc.undash().moveTo(plot.left, y).lineTo(plot.right, y).lineWidth(tick === 0 ? 0.75 : 0.4);
    doc.strokeColor(tick === 0 ? COLORS.muted : COLORS.rule).stroke();
    drawText(doc, `${tick * 100}%`, box.x, y - 3.5, Y_AXIS_WIDTH - 5, { ...AXIS_STYLE, align: "right" });
  }
  for (const [index, point] of trend.entries()) {
    drawText(doc, weekNumberLabel(point.week), xOf(index) - slot / 2, plot.bottom + 4, slot, { ...AXIS_STYLE, align: "center" });
  }

  // The band first, so the lines are drawn over it; a week alone between gaps gets a narrow bar.
  const precisionBounds = trend.map(({ precision: { low, high } }) => (low !== null && high !== null ? { low, high } : null));
  for (const segment of segments(precisionBounds)) {
    const [only] = segment;
    if (segment.length === 1 && only) {
      const top = yOf(only.value.high);
      doc.rect(xOf(only.index) - 4, top, 8, yOf(only.value.low) - top).fill(PRECISION_BAND_COLOR);
    } else {
      const upper = segment.map(({ index, value }) => [xOf(index), yOf(value.high)]);
      const lower = segment.map(({ index, value }) => [xOf(index), yOf(value.low)]).reverse();
      doc.polygon(...upper, ...lower).fill(PRECISION_BAND_COLOR);
    }
  }

  let anyValue = false;
  for (const series of SERIES) {
    for (const segment of segments(trend.map((point) => series.pick(point).value))) {
      anyValue = true;
      const points = segment.map(({ index, value }) => ({ x: xOf(index), y: yOf(value) }));
      if (points.length > 1) {
        strokeStyle(doc, series);
        for (const [position, { x, y }] of points.entries()) {
          if (position === 0) doc.moveTo(x, y);
          else doc.lineTo(x, y);
        }
        doc.stroke();
      }
      for (const { x, y } of points) drawMarker(doc, series.marker, x, y, series.color);
    }
  }
  doc.undash().lineCap("butt");

  if (!anyValue) {
    const middle = (plot.top + plot.bottom) / 2 - 4;
    drawText(doc, "No reviews or tasks in these weeks", plot.left, middle, plot.right - plot.left, {
      size: 8,
      color: COLORS.muted,
      align: "center",
    });
  }
}
