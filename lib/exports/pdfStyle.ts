// How the weekly PDF looks, in one place for its summary and its rollout pages: the text styles, the verdict
// badges (their words from lib/ui/labels, as on the pages), section titles and the names of things.
import type { Verdict } from "@/lib/gates/verdict";
import { NO_GATE_LABEL, TIER_LABELS, VERDICT_LABELS } from "@/lib/ui/labels";
import { type Badge, COLORS, CONTENT, drawText, type PageCursor, type TextStyle } from "./pdfLayout";
import type { WeeklyRow } from "./weekly";

// A badge's word is in capitals, like the verdicts': "NO GATE".
const VERDICT_BADGES: Record<Verdict | "none", Badge> = {
  go: { word: VERDICT_LABELS.go, fill: "#e3f1e7", border: "#2f7d4f", text: "#1b5a34" },
  hold: { word: VERDICT_LABELS.hold, fill: "#fcf0d9", border: "#b7791f", text: "#744a0c" },
  no_go: { word: VERDICT_LABELS.no_go, fill: "#fae3e1", border: "#b42318", text: "#8a1c12" },
  none: { word: NO_GATE_LABEL.toUpperCase(), fill: "#eef0f3", border: "#8a94a3", text: "#47505c" },
};

export function verdictBadge(verdict: Verdict | null): Badge {
  return VERDICT_BADGES[verdict ?? "none"];
}

export const TITLE_STYLE: TextStyle = { size: 18, bold: true };
export const HEADING_STYLE: TextStyle = { size: 15, bold: true };
export const SECTION_STYLE: TextStyle = { size: 10, bold: true };
export const BODY_STYLE: TextStyle = { size: 9 };
export const META_STYLE: TextStyle = { size: 8.5, color: COLORS.muted };
export const NOTE_STYLE: TextStyle = { size: 7.5, color: COLORS.muted };
export const SECTION_GAP = 14;

export function tierLabel(tier: string): string {
  return (TIER_LABELS as Record<string, string>)[tier] ?? tier;
}

export function documentTitle(week: string): string {
  return `Tollgate weekly scorecard — ${week}`;
}

export function rolloutTitle(row: WeeklyRow): string {
  return `${row.workflowName} × ${row.cohortName}`;
}

/** A reason as a sentence on its own line: the gates write them to follow a colon, in lower case. */
export function sentence(reason: string): string {
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

export function drawSectionTitle(doc: PDFKit.PDFDocument, cursor: PageCursor, title: string): void {
  cursor.y += drawText(doc, title, CONTENT.left, cursor.y, CONTENT.width, SECTION_STYLE) + 4;
}

