import { describe, expect, it } from "vitest";
import type { GateTemplateInput } from "@/lib/contract/program";
import { applicableTemplate } from "./template";

const template = (key: string, from: GateTemplateInput["from"], tiers: GateTemplateInput["tiers"]): GateTemplateInput => ({
  key,
  from,
  to: from === "pilot" ? "department" : "enterprise",
  windowWeeks: 4,
  tiers,
  checklist: [],
  criteria: [{ metric: "precision", op: ">=", threshold: 0.9 }],
});

const templates = [
  template("pilot-any", "pilot", ["insight", "draft", "action"]),
  template("pilot-action", "pilot", ["action"]),
  template("b-department", "department", ["draft", "action"]),
  template("a-department", "department", ["draft", "action"]),
];

describe("applicableTemplate", () => {
  it.each([
    { case: "the only template for the tier", phase: "pilot", tier: "draft", key: "pilot-any" },
    { case: "the most specific of several", phase: "pilot", tier: "action", key: "pilot-action" },
    { case: "the first by key among equally specific ones", phase: "department", tier: "action", key: "a-department" },
    { case: "none for a tier no template names", phase: "department", tier: "insight", key: null },
    { case: "none for a phase no template leaves", phase: "enterprise", tier: "action", key: null },
  ] as const)("$case: $phase, $tier → $key", ({ phase, tier, key }) => {
    expect(applicableTemplate(templates, phase, tier)?.key ?? null).toBe(key);
  });

  it("leaves the templates it was given in their order", () => {
    const keys = templates.map((t) => t.key);
    applicableTemplate(templates, "pilot", "action");
    expect(templates.map((t) => t.key)).toEqual(keys);
  });
});
