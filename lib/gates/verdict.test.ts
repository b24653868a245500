import { describe, it, expect } from "vitest";
import type { DriftFinding } from "./drift";
import type { CriterionResult, CriterionVerdict } from "./evaluate";
import { decideVerdict, GO_REASON, LOW_AGREEMENT_REASON, NO_CRITERIA_REASON, type ChecklistStatus, type VerdictInput } from "./verdict";

function criterion(verdict: CriterionVerdict, reason: string): CriterionResult {
  return { metric: "precision", op: ">=", threshold: 0.9, minSample: null, value: 0.9, low: 0.85, high: 0.95, n: 200, verdict, reason };
}

function drift(regression: boolean, reason: string): DriftFinding {
  return {
    metric: "precision",
    newer: "1.5.0",
    older: "1.4.0",
    newerValue: 0.81,
    olderValue: 0.93,
    difference: { value: -0.12, low: -0.16, high: -0.08 },
    regression,
    reason,
  };
}

const passes = [criterion("pass", "precision passes"), criterion("pass", "escalation rate passes")];
const allItems = ["identity", "tenant_controls", "audit_logging", "human_approval", "metrics", "retention"];
const allDone: Record<string, ChecklistStatus> = Object.fromEntries(allItems.map((item) => [item, "done"]));
const fell = drift(true, "precision fell from 0.93 on 1.4.0 to 0.81 on 1.5.0 (difference −0.12 [−0.16, −0.08])");
const steady = drift(false, "escalation rate rose from 0.10 on 1.4.0 to 0.12 on 1.5.0, too small to tell apart from no change");

const ready: VerdictInput = { criteria: passes, requiredChecklist: allItems, checklist: allDone, drift: [steady] };

describe("decideVerdict", () => {
  it.each<{ case: string; input: VerdictInput; verdict: string; reasons: string[] }>([
    {
      case: "all pass, checklist done, no regression",
      input: ready,
      verdict: "go",
      reasons: [GO_REASON],
    },
    {
      case: "all pass with nothing on the checklist and a single agent version",
      input: { criteria: passes, requiredChecklist: [], checklist: {}, drift: [] },
      verdict: "go",
      reasons: [GO_REASON],
    },
    {
      case: "a failing criterion beats everything",
      input: {
        criteria: [
          criterion("insufficient", "precision: only 120 of the 150 reviews needed so far"),
          criterion("fail", "escalation rate fails"),
          ...passes,
        ],
        requiredChecklist: ["identity", "audit_logging"],
        checklist: { audit_logging: "in_progress" },
        drift: [fell],
      },
      verdict: "no_go",
      reasons: [
        "escalation rate fails",
        "precision: only 120 of the 150 reviews needed so far",
        "identity is not started",
        "audit logging is in progress",
        `${fell.reason}; the newer version regressed`,
      ],
    },
    {
      case: "a failing criterion with everything else ready",
      input: { ...ready, criteria: [...passes, criterion("fail", "1 policy-violation incident, above the 0 limit")] },
      verdict: "no_go",
      reasons: ["1 policy-violation incident, above the 0 limit"],
    },
    {
      case: "all pass, one checklist item in progress",
      input: { ...ready, checklist: { ...allDone, audit_logging: "in_progress" } },
      verdict: "hold",
      reasons: ["audit logging is in progress"],
    },
    {
      case: "all pass, checklist items not started or without a status",
      input: { ...ready, checklist: { ...allDone, identity: "not_started", tenant_controls: undefined, human_approval: undefined } },
      verdict: "hold",
      reasons: ["identity is not started", "tenant controls is not started", "human approval is not started"],
    },
    {
      case: "all pass, checklist done, the newer version regressed",
      input: { ...ready, drift: [steady, fell] },
      verdict: "hold",
      reasons: [`${fell.reason}; the newer version regressed`],
    },
    {
      case: "an inconclusive criterion",
      input: { ...ready, criteria: [...passes, criterion("inconclusive", "precision cannot yet be told apart")] },
      verdict: "hold",
      reasons: ["precision cannot yet be told apart"],
    },
    {
      case: "too little data, in the order the criteria came",
      input: {
        ...ready,
        criteria: [
          criterion("insufficient", "precision: no estimate yet (no reviews in the window)"),
          criterion("inconclusive", "escalation rate cannot yet be told apart"),
        ],
      },
      verdict: "hold",
      reasons: ["precision: no estimate yet (no reviews in the window)", "escalation rate cannot yet be told apart"],
    },
    {
      case: "no criteria at all",
      input: { ...ready, criteria: [] },
      verdict: "hold",
      reasons: [NO_CRITERIA_REASON],
    },
    {
      case: "a status for an item the gate does not require",
      input: { ...ready, requiredChecklist: ["identity", "identity"], checklist: { identity: "done", retention: "not_started" } },
      verdict: "go",
      reasons: [GO_REASON],
    },
  ])("$case → $verdict", ({ input, verdict, reasons }) => {
    expect(decideVerdict(input)).toEqual({ verdict, reasons });
  });

  it.each([
    ["identity", "identity"],
    ["tenant_controls", "tenant controls"],
    ["audit_logging", "audit logging"],
    ["human_approval", "human approval"],
    ["metrics", "metrics"],
    ["retention", "retention"],
  ])("names the checklist item %s as “%s”", (item, name) => {
    const { reasons } = decideVerdict({ ...ready, checklist: { ...allDone, [item]: "in_progress" } });
    expect(reasons).toEqual([`${name} is in progress`]);
  });
});

const agreement = (n: number, kappa: number | null) => ({
  n,
  kappa: kappa === null ? { value: null, low: null, high: null } : { value: kappa, low: kappa - 0.2, high: Math.min(1, kappa + 0.2) },
});

describe("decideVerdict: reviewer agreement", () => {
  it.each<{ case: string; input: VerdictInput; verdict: string; reasons: string[] }>([
    {
      case: "30 double-reviewed items with kappa 0.59 hold a go",
      input: { ...ready, agreement: agreement(30, 0.59) },
      verdict: "hold",
      reasons: [`${LOW_AGREEMENT_REASON} (kappa 0.59 on 30 double-reviewed items, below 0.60)`],
    },
    {
      case: "kappa 0.6 is enough",
      input: { ...ready, agreement: agreement(30, 0.6) },
      verdict: "go",
      reasons: [GO_REASON],
    },
    {
      case: "29 items are too few to judge agreement by",
      input: { ...ready, agreement: agreement(29, 0.1) },
      verdict: "go",
      reasons: [GO_REASON],
    },
    {
      case: "no kappa (both reviewers always gave the same class) is no disagreement",
      input: { ...ready, agreement: agreement(40, null) },
      verdict: "go",
      reasons: [GO_REASON],
    },
    {
      case: "a kappa below chance",
      input: { ...ready, agreement: agreement(1250, -0.2) },
      verdict: "hold",
      reasons: [`${LOW_AGREEMENT_REASON} (kappa −0.20 on 1,250 double-reviewed items, below 0.60)`],
    },
    {
      case: "a failing criterion still makes it a no-go, with the agreement after the failure",
      input: {
        ...ready,
        criteria: [criterion("inconclusive", "precision cannot be told apart"), criterion("fail", "escalation rate fails")],
        agreement: agreement(50, 0.3),
      },
      verdict: "no_go",
      reasons: [
        "escalation rate fails",
        `${LOW_AGREEMENT_REASON} (kappa 0.30 on 50 double-reviewed items, below 0.60)`,
        "precision cannot be told apart",
      ],
    },
    {
      case: "before the criteria the data cannot decide",
      input: { ...ready, criteria: [criterion("insufficient", "precision: only 120 of the 150 reviews")], agreement: agreement(30, 0.5) },
      verdict: "hold",
      reasons: [`${LOW_AGREEMENT_REASON} (kappa 0.50 on 30 double-reviewed items, below 0.60)`, "precision: only 120 of the 150 reviews"],
    },
  ])("$case → $verdict", ({ input, verdict, reasons }) => {
    expect(decideVerdict(input)).toEqual({ verdict, reasons });
  });
});
