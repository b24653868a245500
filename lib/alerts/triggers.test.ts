import { describe, expect, it } from "vitest";
import type { AlertRule } from "@/lib/contract/alerts";
import type { DriftFinding } from "@/lib/gates/drift";
import { channelsFor, evaluationChanges, incidentsCreated, quietWorkflows, regressionKey, type AlertCause, type Evaluation } from "./triggers";

const at = new Date("2026-11-02T10:00:00Z");

const incident = (id: string, severity: number, workflow = "ticket-triage") => ({
  id,
  type: "incident",
  workflow,
  cohort: "support-pilot",
  category: "policy_violation",
  severity,
  occurredAt: new Date("2026-11-02T09:00:00Z"),
});

describe("incident.created", () => {
  it("is one cause per incident, named by workflow and event id, with the issue's data fields", () => {
    const causes = incidentsCreated([incident("evt-1", 1), { ...incident("evt-2", 1), type: "output" }], at);
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({ trigger: "incident.created", cause: "incident.created:ticket-triage:evt-1", severity: 1, page: "/scorecards/ticket-triage/support-pilot" });
    expect(Object.keys(causes[0]!.facts).sort()).toEqual(["category", "cohort", "eventId", "occurredAt", "severity", "workflow"]);
  });
});

describe("routing a cause by the rules", () => {
  const rules: AlertRule[] = [
    { on: ["incident.created"], channel: "siem" },
    { on: ["incident.created"], maxSeverity: 2, workflows: ["crm-enrichment"], channel: "crm-team" },
    { on: ["incident.created", "verdict.changed"], maxSeverity: 3, channel: "all" },
    { on: ["workflow.quiet"], channel: "ops" },
    { on: ["workflow.quiet"], quietHours: 4, channel: "oncall" },
    { on: ["decision.recorded"], workflows: ["ticket-triage"], channel: "siem" },
  ];
  const route = (cause: AlertCause) => channelsFor(cause, rules).sort();

  it.each([
    ["a severity-1 incident", incident("a", 1), ["all", "siem"]],
    ["a severity-2 incident (default maxSeverity 1)", incident("b", 2), ["all"]],
    ["a severity-2 incident of a listed workflow", incident("c", 2, "crm-enrichment"), ["all", "crm-team"]],
    ["a severity-3 incident of a listed workflow", incident("d", 3, "crm-enrichment"), ["all"]],
  ])("%s", (_name, event, channels) => {
    expect(route(incidentsCreated([event], at)[0]!)).toEqual(channels);
  });

  it("sends a cause to a channel once however many rules name it", () => {
    const twice: AlertRule[] = [
      { on: ["incident.created"], channel: "siem" },
      { on: ["incident.created"], maxSeverity: 3, channel: "siem" },
    ];
    expect(channelsFor(incidentsCreated([incident("e", 1)], at)[0]!, twice)).toEqual(["siem"]);
  });

  it("holds a quiet workflow back until each rule's quietHours (default 24)", () => {
    const quiet = (hours: number) => ({ trigger: "workflow.quiet", cause: "q", workflow: "ticket-triage", cohort: null, at, page: "/", facts: {}, hoursQuiet: hours }) satisfies AlertCause;
    expect(route(quiet(3))).toEqual([]);
    expect(route(quiet(4))).toEqual(["oncall"]);
    expect(route(quiet(24))).toEqual(["oncall", "ops"]);
  });

  it("matches a cause without a workflow only to rules for every workflow", () => {
    const cause: AlertCause = { trigger: "decision.recorded", cause: "d", workflow: null, cohort: null, at, page: "/", facts: {} };
    expect(route(cause)).toEqual([]);
    expect(route({ ...cause, workflow: "ticket-triage" })).toEqual(["siem"]);
  });
});

const finding = (metric: DriftFinding["metric"], regression: boolean): DriftFinding => ({
  metric,
  newer: "2.0",
  older: "1.0",
  newerValue: 0.7,
  olderValue: 0.9,
  difference: { value: -0.2, low: -0.3, high: -0.1 },
  regression,
  reason: `${metric} fell`,
});

const evaluation = (verdict: Evaluation["verdict"], drift: DriftFinding[] = []): Evaluation => ({
  workflow: "ticket-triage",
  cohort: "support-pilot",
  phase: "pilot",
  template: { key: "pilot-to-department", version: 1 },
  verdict,
  reasons: [],
  drift,
});

describe("verdict.changed and drift.regression", () => {
  it("alert nothing on a rollout's first evaluation: there is nothing to differ from", () => {
    expect(evaluationChanges(null, evaluation("no_go", [finding("precision", true)]), at)).toEqual([]);
  });

  it("alert a changed verdict, named by the count of changes, and nothing for the same verdict", () => {
    const previous = { verdict: "go" as const, regressions: [], changes: 2 };
    const causes = evaluationChanges(previous, evaluation("hold"), at);
    expect(causes.map((c) => [c.trigger, c.cause, c.facts.from, c.facts.to])).toEqual([["verdict.changed", "verdict.changed:ticket-triage:support-pilot:3", "go", "hold"]]);
    expect(evaluationChanges(previous, evaluation("go"), at)).toEqual([]);
  });

  it("alert each regression the previous evaluation did not show, and no finding that is not a regression", () => {
    const shown = finding("precision", true);
    const previous = { verdict: "hold" as const, regressions: [regressionKey(shown)], changes: 0 };
    const causes = evaluationChanges(previous, evaluation("hold", [shown, finding("correctionRate", true), finding("escalationRate", false)]), at);
    expect(causes.map((c) => c.cause)).toEqual(["drift.regression:ticket-triage:support-pilot:correctionRate:2.0:1.0"]);
  });
});

describe("workflow.quiet", () => {
  const steadyWeek = (last: string, days = 7) =>
    new Set(Array.from({ length: days }, (_, i) => new Date(Date.parse(`${last}T12:00:00Z`) - i * 86_400_000).toISOString().slice(0, 10)));

  it("is a workflow with events on each of the 7 days up to its last event, quiet for an hour or more", () => {
    const lastEventAt = new Date("2026-11-01T18:00:00Z");
    const [cause, ...rest] = quietWorkflows([{ workflow: "ticket-triage", lastEventAt, days: steadyWeek("2026-11-01") }], new Date("2026-11-02T19:30:00Z"), "UTC");
    expect(rest).toEqual([]);
    expect(cause).toMatchObject({ cause: "workflow.quiet:ticket-triage:2026-11-01T18:00:00.000Z", hoursQuiet: 25, cohort: null, page: "/workflows/ticket-triage" });
  });

  it.each([
    ["a gap in the week before", steadyWeek("2026-11-01", 6), "2026-11-02T19:30:00Z"],
    ["under an hour of silence", steadyWeek("2026-11-01"), "2026-11-01T18:59:00Z"],
  ])("is not %s", (_name, days, now) => {
    expect(quietWorkflows([{ workflow: "ticket-triage", lastEventAt: new Date("2026-11-01T18:00:00Z"), days }], new Date(now), "UTC")).toEqual([]);
  });

  it("counts days in the installation's timezone", () => {
    // 23:30 UTC on 1 November is already 2 November in Berlin: that day needs events too.
    const lastEventAt = new Date("2026-11-01T23:30:00Z");
    const utcWeek = steadyWeek("2026-11-01");
    expect(quietWorkflows([{ workflow: "w", lastEventAt, days: utcWeek }], new Date("2026-11-03T00:00:00Z"), "UTC")).toHaveLength(1);
    expect(quietWorkflows([{ workflow: "w", lastEventAt, days: utcWeek }], new Date("2026-11-03T00:00:00Z"), "Europe/Berlin")).toEqual([]);
  });
});
