import { describe, expect, it } from "vitest";
import { isStorableText, localDate } from "./common";
import { metricsQuery, cohortsQuery } from "./query";
import { checklistUpdate, decisionInput } from "./scorecard";
import { programSchema } from "./program";

// NUL characters and lone surrogates cannot be stored exactly: Postgres refuses NUL in text (the request failed with
// a 500), and both databases store a lone surrogate as U+FFFD. Every free-text field of the contract refuses them.
describe("free text", () => {
  it("is storable when it is well-formed Unicode without NUL", () => {
    expect(isStorableText("Ünïcødé 👩‍💻 ' OR 1=1 -- =HYPERLINK()")).toBe(true);
    expect(isStorableText("")).toBe(true);
    for (const bad of ["a\u0000b", "\ud800", "x\udfffy", "\udbff\ud800", "😀\ud83d"]) expect(isStorableText(bad)).toBe(false);
  });

  const window = { workflow: "ticket-triage", from: "2026-11-02", to: "2026-11-09" };
  it.each([
    ["metrics agentVersion", () => metricsQuery.safeParse({ ...window, agentVersion: "1.0\u0000" })],
    ["cohorts agentVersion", () => cohortsQuery.safeParse({ ...window, agentVersion: "\u0000" })],
    ["checklist owner", () => checklistUpdate.safeParse({ status: "done", owner: "a\u0000" })],
    ["checklist evidence", () => checklistUpdate.safeParse({ status: "done", evidence: "\ud800" })],
    ["decision rationale", () => decisionInput.safeParse({ workflow: "a", cohort: "b", template: "c", decision: "go", rationale: "why\u0000" })],
    ["decision override", () => decisionInput.safeParse({ workflow: "a", cohort: "b", template: "c", decision: "go", rationale: "why", override: "\udc00" })],
    [
      "program workflow name",
      () =>
        programSchema.safeParse({
          workflows: [{ key: "w", name: "bad\u0000name", tier: "draft", businessOwner: "o", technicalOwner: "o", successMetric: "m", failureMode: "f" }],
        }),
    ],
    ["program cohort department", () => programSchema.safeParse({ cohorts: [{ key: "c", name: "C", department: "\ud800" }] })],
  ])("is refused in %s", (_field, parse) => {
    const result = parse();
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("without NUL");
  });
});

describe("local dates", () => {
  it("start in 1900: the calendar arithmetic reads years 0–99 as 1900–1999", () => {
    expect(localDate.safeParse("1900-01-01").success).toBe(true);
    expect(localDate.safeParse("2026-11-27").success).toBe(true);
    for (const day of ["0001-01-01", "0099-12-31", "1899-12-31"]) expect(localDate.safeParse(day).success).toBe(false);
    expect(metricsQuery.safeParse({ workflow: "w", from: "0050-01-01", to: "0050-02-01" }).success).toBe(false);
  });
});
