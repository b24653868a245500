import { describe, expect, it } from "vitest";
import type { PortfolioRow } from "@/lib/scorecards/portfolioReport";
import { portfolioRows, readPortfolioView, verdictCounts } from "./portfolioFilters";

const interval = (value: number | null) => ({ value, low: value, high: value });

function row(name: string, precision: number | null, gate: PortfolioRow["gate"], phase: PortfolioRow["phase"] = "pilot"): PortfolioRow {
  return {
    workflow: name,
    workflowName: name,
    cohort: "c",
    cohortName: "Cohort",
    department: "Support",
    tier: "draft",
    phase,
    window: { precision: interval(precision), correctionRate: interval(null), escalationRate: interval(null), outputs: 0, reviews: 0, tasks: 0 },
    cycleTimeReduction: interval(null),
    gate,
  } as PortfolioRow;
}

const evaluated = (verdict: "go" | "hold" | "no_go"): PortfolioRow["gate"] => ({ status: "evaluated", verdict, templateKey: "t", to: "department", reasons: [], thresholds: {} });
const none: PortfolioRow["gate"] = { status: "none", reason: "no gate" };
const rows = [row("b", 0.9, evaluated("go")), row("a", null, none, "enterprise"), row("c", 0.8, evaluated("no_go")), row("d", 0.95, evaluated("hold"))];
const names = (list: PortfolioRow[]) => list.map((r) => r.workflowName);

describe("the portfolio's filters and sort", () => {
  it("reads the view from the URL, with the rollout order ascending by default and unknown sorts ignored", () => {
    expect(readPortfolioView(new URLSearchParams(""))).toEqual({ filters: { phase: "", tier: "", department: "", verdict: "" }, sort: "rollout", direction: 1 });
    expect(readPortfolioView(new URLSearchParams("sort=precision&dir=desc&verdict=none"))).toMatchObject({ sort: "precision", direction: -1, filters: { verdict: "none" } });
    expect(readPortfolioView(new URLSearchParams("sort=nonsense")).sort).toBe("rollout");
  });

  it("keeps rows without a figure last in either direction", () => {
    expect(names(portfolioRows(rows, readPortfolioView(new URLSearchParams("sort=precision"))))).toEqual(["c", "b", "d", "a"]);
    expect(names(portfolioRows(rows, readPortfolioView(new URLSearchParams("sort=precision&dir=desc"))))).toEqual(["d", "b", "c", "a"]);
  });

  it("sorts the worst verdict first and filters by verdict, a rollout without a gate being 'none'", () => {
    expect(names(portfolioRows(rows, readPortfolioView(new URLSearchParams("sort=verdict"))))).toEqual(["c", "d", "b", "a"]);
    expect(names(portfolioRows(rows, readPortfolioView(new URLSearchParams("verdict=none"))))).toEqual(["a"]);
    expect(names(portfolioRows(rows, readPortfolioView(new URLSearchParams("phase=pilot"))))).toEqual(["b", "c", "d"]);
    expect(verdictCounts(rows)).toEqual({ go: 1, hold: 1, no_go: 1, none: 1 });
  });
});
