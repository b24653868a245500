import { describe, expect, it } from "vitest";
import { eventSchema, type IncomingEvent } from "../contract/event";
import { programSchema } from "../contract/program";
import { PHASES, TIERS } from "../contract/vocabulary";
import { generateDemoEvents, type DemoOptions } from "./generate";
import { eventKey } from "../ingest/identity";
import { buildDemoProgram, defaultGateTemplates, demoProgram, demoStory, startOfUtcWeek } from "./program";

const END = new Date("2025-06-02T00:00:00Z");

function take(options: DemoOptions): IncomingEvent[] {
  return [...generateDemoEvents({ end: END, ...options })];
}

function precisionOf(events: readonly IncomingEvent[], rollout: { workflow: string; cohort: string }): number {
  let reviews = 0;
  let precise = 0;
  for (const event of events) {
    if (event.type !== "review" || event.workflow !== rollout.workflow || event.cohort !== rollout.cohort) continue;
    reviews++;
    if (event.verdict === "accepted" || event.verdict === "light_edit") precise++;
  }
  return precise / reviews;
}

describe("demo program", () => {
  const program = programSchema.parse(buildDemoProgram(END));

  it("passes the program contract", () => {
    expect(() => programSchema.parse(demoProgram)).not.toThrow();
  });

  it("covers every tier and phase with at least four workflows and six cohorts", () => {
    expect(program.workflows.length).toBeGreaterThanOrEqual(4);
    expect(program.cohorts.length).toBeGreaterThanOrEqual(6);
    expect(new Set(program.workflows.map((workflow) => workflow.tier))).toEqual(new Set(TIERS));
    expect(new Set(program.rollouts.map((rollout) => rollout.phase))).toEqual(new Set(PHASES));
  });

  it("has rollouts only for registered workflows and cohorts, some with a declared baseline and some without", () => {
    const workflows = new Set(program.workflows.map((workflow) => workflow.key));
    const cohorts = new Set(program.cohorts.map((cohort) => cohort.key));
    for (const rollout of program.rollouts) {
      expect(workflows.has(rollout.workflow)).toBe(true);
      expect(cohorts.has(rollout.cohort)).toBe(true);
      expect(rollout.startedAt! < "2025-06-02").toBe(true);
    }
    expect(program.rollouts.some((rollout) => rollout.baselineCycleTimeP50Ms !== undefined)).toBe(true);
    expect(program.rollouts.some((rollout) => rollout.baselineCycleTimeP50Ms === undefined)).toBe(true);
  });

  it("dates the too-young rollout about two weeks before the end", () => {
    const young = program.rollouts.find(
      (rollout) => rollout.workflow === demoStory.tooYoung.workflow && rollout.cohort === demoStory.tooYoung.cohort,
    );
    expect(young?.startedAt).toBe("2025-05-21");
  });

  it("has gate templates for both promotions, with stricter variants for the action tier", () => {
    expect(program.gates).toEqual(programSchema.parse({ gates: defaultGateTemplates }).gates);
    expect(program.gates.map((gate) => gate.key).sort()).toEqual([
      "department-to-enterprise",
      "department-to-enterprise-action",
      "pilot-to-department",
      "pilot-to-department-action",
    ]);
    const threshold = (key: string) =>
      program.gates.find((gate) => gate.key === key)?.criteria.find((criterion) => criterion.metric === "precision")?.threshold;
    expect(threshold("pilot-to-department-action")).toBeGreaterThan(threshold("pilot-to-department")!);
    expect(threshold("department-to-enterprise-action")).toBeGreaterThan(threshold("department-to-enterprise")!);
  });

  it("places the default end at Monday 00:00Z", () => {
    expect(startOfUtcWeek(new Date("2025-06-08T23:59:59Z")).toISOString()).toBe("2025-06-02T00:00:00.000Z");
    expect(startOfUtcWeek(new Date("2025-06-02T00:00:00Z")).toISOString()).toBe("2025-06-02T00:00:00.000Z");
  });
});

describe("generateDemoEvents", () => {
  const events = take({ events: 50_000 });

  it("is deterministic for a seed and differs between seeds", () => {
    // The event count shapes the spread over the period, so equal runs need equal options, count included.
    const again = generateDemoEvents({ end: END, events: 50_000 });
    const firstEvents = Array.from({ length: 2_000 }, () => again.next().value);
    expect(firstEvents).toEqual(events.slice(0, 2_000));
    expect(take({ events: 50_000, seed: 8 }).slice(0, 2_000)).not.toEqual(events.slice(0, 2_000));
  });

  it.each([0, 1, 17, 1_000, 10_000])("emits exactly %i events", (count) => {
    expect(take({ events: count })).toHaveLength(count);
  });

  it("emits only events that pass the contract", () => {
    expect(events.filter((event) => !eventSchema.safeParse(event).success)).toEqual([]);
  });

  it("gives every event a unique id within its workflow, and reuses ids across workflows as separate agents do", () => {
    expect(new Set(events.map(eventKey)).size).toBe(events.length);
    const workflowsById = new Map<string, Set<string>>();
    for (const event of events) workflowsById.set(event.id, (workflowsById.get(event.id) ?? new Set()).add(event.workflow));
    expect([...workflowsById.values()].some((workflows) => workflows.size > 1)).toBe(true);
  });

  it("keeps events inside the period and roughly in time order", () => {
    const startMs = END.getTime() - 12 * 7 * 24 * 3_600_000;
    let latestMs = 0;
    const misplaced = events.filter((event) => {
      const ms = Date.parse(event.occurredAt);
      // Besides staying in the period, no event may come more than a day before one emitted earlier.
      const wrong = !event.occurredAt.endsWith("Z") || ms >= END.getTime() || ms < startMs || ms < latestMs - 24 * 3_600_000;
      latestMs = Math.max(latestMs, ms);
      return wrong;
    });
    expect(misplaced).toEqual([]);
  });

  it("spreads events over the whole period, fewer on weekends", () => {
    const perWeek = new Array<number>(12).fill(0);
    let weekend = 0;
    for (const event of events) {
      const ms = Date.parse(event.occurredAt);
      perWeek[Math.floor((END.getTime() - ms) / (7 * 24 * 3_600_000))]! += 1;
      const weekday = new Date(ms).getUTCDay();
      if (weekday === 0 || weekday === 6) weekend++;
    }
    expect(Math.min(...perWeek)).toBeGreaterThan(0);
    expect(weekend / events.length).toBeLessThan(0.1);
  });

  it("emits events only for rollouts of the demo program", () => {
    const rollouts = new Set(buildDemoProgram(END).rollouts?.map((rollout) => `${rollout.workflow}/${rollout.cohort}`));
    expect(events.filter((event) => !rollouts.has(`${event.workflow}/${event.cohort}`))).toEqual([]);
  });

  it("orders each task's events causally", () => {
    const rank = { output: 0, review: 1, incident: 2, escalation: 3, completion: 4, feedback: 5 } as const;
    const lastByTask = new Map<string, { rank: number; ms: number }>();
    const outOfOrder = events.filter((event) => {
      const ms = Date.parse(event.occurredAt);
      const previous = lastByTask.get(event.taskId);
      lastByTask.set(event.taskId, { rank: rank[event.type], ms });
      // A task opens with its output, or is a manual task with nothing but its completion.
      if (!previous) return event.type !== "output" && event.type !== "completion";
      return rank[event.type] <= previous.rank || ms < previous.ms;
    });
    expect(outOfOrder).toEqual([]);
  });

  it("includes manual baseline tasks and agent tasks with every tier's output kind", () => {
    const manual = events.filter((event) => event.type === "completion" && event.mode === "manual");
    expect(manual.length).toBeGreaterThan(1_000);
    expect(manual.every((event) => event.agentVersion === undefined)).toBe(true);
    const kinds = new Set(events.flatMap((event) => (event.type === "output" ? [event.outputKind] : [])));
    expect(kinds).toContain("draft");
    expect(kinds).toContain("action");
    expect(kinds.has("classification") || kinds.has("recommendation")).toBe(true);
  });

  it("makes the ready rollout clearly more precise than the one that is not ready", () => {
    const ready = precisionOf(events, demoStory.readyToExpand);
    const notReady = precisionOf(events, demoStory.notReady);
    expect(ready).toBeGreaterThan(0.92);
    expect(notReady).toBeLessThan(0.8);
  });

  it("reports policy violations only for the rollout that is not ready", () => {
    const violations = take({ events: 120_000 }).filter(
      (event) => event.type === "incident" && event.category === "policy_violation",
    );
    expect(violations.length).toBeGreaterThan(0);
    for (const event of violations) {
      expect({ workflow: event.workflow, cohort: event.cohort }).toEqual(demoStory.notReady);
    }
  });

  it("lets the new agent version regress in one rollout", () => {
    const byVersion = (version: string) =>
      precisionOf(
        events.filter((event) => event.agentVersion === version),
        demoStory.regressedOnNewVersion,
      );
    expect(byVersion("1.4.0") - byVersion("1.5.0")).toBeGreaterThan(0.07);
  });

  it("rejects impossible options", () => {
    expect(() => generateDemoEvents({ events: -1 }).next()).toThrow(RangeError);
    expect(() => generateDemoEvents({ weeks: 0 }).next()).toThrow(RangeError);
    expect(() => generateDemoEvents({ seed: 1.5 }).next()).toThrow(RangeError);
  });
});
