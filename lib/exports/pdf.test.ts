import { createRequire } from "node:module";
import path from "node:path";
import { describe, it, expect } from "vitest";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { CriterionResult } from "@/lib/gates/evaluate";
import { noEstimate, wilson, type Interval } from "@/lib/metrics/wilson";
import { CRITERION_VERDICT_LABELS, VERDICT_LABELS } from "@/lib/ui/labels";
import { feedbackMetrics } from "@/lib/metrics/feedback";
import { renderWeeklyPdf } from "./pdf";
import { pdfText } from "./pdfText";
import type { WeeklyExport, WeeklyRow } from "./weekly";

const WEEKS = ["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"];

/** Reviews, tasks and agent completions of a week; every rate is computed from them as lib/metrics would. */
interface WeekCounts {
  reviews: number;
  accepted: number;
  corrected: number;
  tasks: number;
  escalated: number;
}

function metrics(counts: WeekCounts, cycleTimeP50: number | null): WeeklyRow["metrics"] {
  return {
    outputs: counts.reviews + 40,
    sampledReviews: { reviews: 0, accepted: 0, lightEdits: 0, heavyEdits: 0, rejected: 0 },
    reviews: counts.reviews,
    accepted: counts.accepted,
    lightEdits: 0,
    heavyEdits: counts.corrected,
    rejected: counts.reviews - counts.accepted - counts.corrected,
    tasks: counts.tasks,
    escalatedTasks: counts.escalated,
    activeActors: 12,
    precision: wilson(counts.accepted, counts.reviews),
    correctionRate: wilson(counts.reviews - counts.accepted, counts.reviews),
    heavyCorrectionRate: wilson(counts.reviews - counts.accepted, counts.reviews),
    reviewCoverage: wilson(counts.reviews, counts.reviews + 40),
    escalationRate: wilson(counts.escalated, counts.tasks),
    adoptionRate: noEstimate(),
    cycleTime: {
      agent: { n: cycleTimeP50 === null ? 0 : 80, p50: cycleTimeP50, p90: cycleTimeP50 === null ? null : cycleTimeP50 * 2 },
      manual: { n: 0, p50: null, p90: null },
    },
    incidents: { total: 0, byCategory: {}, bySeverity: {} },
    errorCategories: {},
    ...feedbackMetrics(),
  };
}

/** Eight weeks of trend; `null` is a week without reviews or tasks, which must be drawn as a gap. */
function trend(weeks: (WeekCounts | null)[]): WeeklyRow["trend"] {
  return weeks.map((counts, index) => ({
    week: WEEKS[index] ?? "2026-W47",
    precision: counts ? wilson(counts.accepted, counts.reviews) : noEstimate(),
    correctionRate: counts ? wilson(counts.reviews - counts.accepted, counts.reviews) : noEstimate(),
    escalationRate: counts && counts.tasks > 0 ? wilson(counts.escalated, counts.tasks) : noEstimate(),
  }));
}

function criterion(metric: string, op: ">=" | "<=", threshold: number, estimate: Interval, n: number, verdict: CriterionResult["verdict"], reason: string): CriterionResult {
  return { metric, op, threshold, minSample: 100, ...estimate, n, verdict, reason };
}

const busyWeek: WeekCounts = { reviews: 400, accepted: 372, corrected: 20, tasks: 500, escalated: 35 };
const poorWeek: WeekCounts = { reviews: 300, accepted: 231, corrected: 50, tasks: 320, escalated: 60 };
/** A week with reviews but no tasks: escalation rate has no estimate. */
const quietWeek: WeekCounts = { reviews: 12, accepted: 11, corrected: 1, tasks: 0, escalated: 0 };

/** No output of these weeks was double-reviewed. */
const noAgreement = { n: 0, percentAgreement: { value: null, low: null, high: null }, kappa: { value: null, low: null, high: null } };

const goRow: WeeklyRow = {
  agreement: noAgreement,
  week: "2026-W47",
  workflow: "ticket-triage",
  workflowName: "Ticket triage",
  tier: "draft",
  cohort: "support-emea",
  cohortName: "Support Zürich",
  department: "Support",
  phase: "department",
  metrics: metrics(busyWeek, 252_000),
  baseline: { source: "configured", p50: 600_000, n: null },
  cycleTimeReduction: { value: 0.58, low: 0.52, high: 0.63 },
  quantiles: { method: "sketch", relativeError: 0.01 },
  verdict: "go",
  reasons: ["every criterion passes, every required checklist item is done and no newer agent version regressed"],
  template: { key: "department-to-enterprise", version: 2 },
  criteria: [
    criterion("precision", ">=", 0.9, wilson(1488, 1600), 1600, "pass", "precision 0.93 [0.92, 0.94] is above the 0.90 threshold"),
    criterion("escalationRate", "<=", 0.1, wilson(140, 2000), 2000, "pass", "escalation rate 0.07 [0.06, 0.08] is below the 0.10 limit"),
    { ...criterion("incidents.severity1", "<=", 0, { value: 0, low: 0, high: 0 }, 1760, "pass", "0 severity-1 incidents, within the 0 limit"), minSample: null },
  ],
  trend: trend([busyWeek, busyWeek, null, busyWeek, busyWeek, quietWeek, busyWeek, busyWeek]),
};

const noGoRow: WeeklyRow = {
  ...goRow,
  workflow: "crm-enrichment",
  workflowName: "CRM enrichment",
  tier: "action",
  cohort: "sales-pilot",
  cohortName: "Sales pilot",
  department: "Sales",
  phase: "pilot",
  metrics: metrics(poorWeek, 540_000),
  cycleTimeReduction: { value: -0.05, low: -0.12, high: 0.02 },
  verdict: "no_go",
  reasons: ["precision 0.77 [0.72, 0.81] is below the 0.85 threshold", "audit logging is not started"],
  template: { key: "pilot-to-department", version: 1 },
  criteria: [
    criterion("precision", ">=", 0.85, wilson(231, 300), 300, "fail", "precision 0.77 [0.72, 0.81] is below the 0.85 threshold"),
    criterion("cycleTimeReduction", ">=", 0.25, { value: -0.05, low: -0.12, high: 0.02 }, 80, "fail", "cycle-time reduction −5% [−12%, 2%] is below the 25% threshold"),
  ],
  trend: trend([null, null, poorWeek, poorWeek, null, poorWeek, poorWeek, poorWeek]),
};

const noGateRow: WeeklyRow = {
  ...goRow,
  workflow: "hr-answers",
  workflowName: "HR policy answers",
  tier: "insight",
  cohort: "people",
  cohortName: "People team",
  department: "People",
  phase: "enterprise",
  // No reviews and no tasks this week: every rate is "—".
  metrics: metrics({ reviews: 0, accepted: 0, corrected: 0, tasks: 0, escalated: 0 }, null),
  baseline: { source: "none", p50: null, n: 0 },
  cycleTimeReduction: noEstimate(),
  verdict: null,
  reasons: [],
  template: null,
  criteria: [],
  trend: trend([quietWeek, null, null, null, null, null, null, null]),
};

const report: WeeklyExport = {
  week: "2026-W47",
  from: "2026-11-16",
  to: "2026-11-23",
  timezone: "Europe/Berlin",
  generatedAt: "2026-11-27T09:05:00.000Z",
  rows: [goRow, noGoRow, noGateRow],
};

/** pdf.js's metrics of the standard fonts, which the PDF uses without embedding them. */
const standardFontDataUrl = `${path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

interface PageText {
  /** Each text run as drawn, trimmed: a badge's word is a run of its own. */
  runs: string[];
  text: string;
}

async function pageTexts(pdf: Buffer): Promise<PageText[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, standardFontDataUrl }).promise;
  const pages: PageText[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    const runs = content.items.flatMap((item) => ("str" in item && item.str.trim() !== "" ? [item.str.trim()] : []));
    pages.push({ runs, text: runs.join(" ") });
  }
  await document.destroy();
  return pages;
}

const VERDICT_WORDS = ["GO", "HOLD", "NO-GO", "NO GATE"];

describe("renderWeeklyPdf", () => {
  it("renders a summary page and one page per rollout, each with its verdict in words", async () => {
    const pdf = await renderWeeklyPdf(report);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const pages = await pageTexts(pdf);
    expect(pages).toHaveLength(4);
    const [summary, ...rolloutPages] = pages as [PageText, ...PageText[]];

    expect(summary.text).toContain("Tollgate weekly scorecard — 2026-W47");
    expect(summary.text).toContain("16 Nov – 22 Nov 2026");
    expect(summary.text).toContain("Europe/Berlin");
    for (const row of report.rows) expect(summary.text).toContain(row.workflowName);
    // The table's badges and the tally's: each verdict of the week is on the summary in words.
    for (const word of ["GO", "NO-GO", "NO GATE"]) expect(summary.runs).toContain(word);
    expect(summary.text).toContain("93.0%");

    const expectedWords = ["GO", "NO-GO", "NO GATE"];
    for (const [index, row] of report.rows.entries()) {
      const page = rolloutPages[index]!;
      expect(page.text).toContain(row.workflowName);
      expect(page.text).toContain(row.cohortName);
      const badges = page.runs.filter((run) => VERDICT_WORDS.includes(run));
      expect(badges).toEqual([expectedWords[index]]);
      expect(page.text).toContain(`page ${index + 2} of 4`);
    }
    expect(summary.text).toContain("Tollgate · week 2026-W47 · page 1 of 4");
  });

  it("writes the criteria, key figures and reasons of a rollout on its page", async () => {
    const [, goPage, noGoPage, noGatePage] = (await pageTexts(await renderWeeklyPdf(report))) as PageText[];

    expect(goPage!.text).toContain("Every criterion passes");
    expect(goPage!.text).toContain("department-to-enterprise v2");
    expect(goPage!.text).toContain("4 min 12 s");
    expect(goPage!.text).toContain("baseline 10 min");
    expect(goPage!.text).toContain("[91.6%, 94.1%]");
    expect(goPage!.text).toContain(">= 90.0%");
    expect(goPage!.text).toContain("1,600 / 100");
    expect(goPage!.text).toContain("Severity-1 incidents");
    expect(goPage!.runs).toContain("Pass");
    expect(goPage!.runs).toContain("W40");

    // Failing criteria: the verdict word, and the reason in the notes, written without a glyph WinAnsi lacks.
    expect(noGoPage!.runs).toContain("Fail");
    expect(noGoPage!.text).toContain("Cycle-time reduction -5% [-12%, 2%] is below the 25% threshold");
    expect(noGoPage!.text).toContain("Audit logging is not started");
    expect(noGoPage!.text).not.toMatch(/[−≥≤]/);

    expect(noGatePage!.text).toContain("no gate template applies");
    expect(noGatePage!.text).toContain("No gate template applies, so no criteria were judged.");
  });

  it("names a hold and every criterion verdict in the dashboard's words", async () => {
    const holdRow: WeeklyRow = {
      ...goRow,
      verdict: "hold",
      reasons: ["precision cannot yet be told apart from the threshold"],
      criteria: [
        criterion("precision", ">=", 0.9, wilson(90, 100), 100, "inconclusive", "precision cannot yet be told apart from the 0.90 threshold"),
        criterion("escalationRate", "<=", 0.1, wilson(1, 20), 20, "insufficient", "escalation rate: only 20 of the 100 tasks needed so far"),
        ...goRow.criteria.slice(0, 1),
        noGoRow.criteria[0]!,
      ],
    };
    const [, page] = (await pageTexts(await renderWeeklyPdf({ ...report, rows: [holdRow] }))) as PageText[];
    expect(page!.runs).toContain(VERDICT_LABELS.hold);
    for (const word of Object.values(CRITERION_VERDICT_LABELS)) expect(page!.runs).toContain(word);
  });

  it("repeats the summary table's header when the rollouts fill more than a page", async () => {
    const rows = Array.from({ length: 40 }, (_, index) => ({ ...goRow, workflowName: `Workflow ${index + 1}` }));
    const pages = await pageTexts(await renderWeeklyPdf({ ...report, rows }));
    const summaryPages = pages.filter((page) => page.runs.includes("Workflow") && page.runs.includes("Verdict"));
    expect(summaryPages.length).toBeGreaterThan(1);
    expect(pages).toHaveLength(summaryPages.length + rows.length);
    expect(summaryPages.map((page) => page.text).join(" ")).toContain("Workflow 40");
    expect(pages[0]!.text).toContain(`page 1 of ${pages.length}`);
  });

  it("renders the same input to the same bytes", async () => {
    const first = await renderWeeklyPdf(report);
    const second = await renderWeeklyPdf(report);
    expect(first.equals(second)).toBe(true);
  });
});

describe("pdfText", () => {
  it("rewrites what WinAnsi cannot encode and keeps what it can", () => {
    expect(pdfText("−5% ≥ 90% ≤ 10% → go")).toBe("-5% >= 90% <= 10% -> go");
    expect(pdfText("Zürich — 16 Nov – 22 Nov · 1…2 × €")).toBe("Zürich — 16 Nov – 22 Nov · 1…2 × €");
    expect(pdfText("Győr\u202f2026")).toBe("Gyor 2026");
    expect(pdfText("东京")).toBe("??");
  });
});
