// The program every drill deployment applies: the demo program (its rollouts receive the demo events) plus
// workflows and cohorts of the drills' own.
import type { ProgramDocument } from "@/lib/contract/program";
import { buildDemoProgram } from "@/lib/demo/program";

export const DRILL_WORKFLOWS = { concurrency: "drill-concurrency", backup: "drill-backup" } as const;
export const DRILL_COHORTS = ["drill-a", "drill-b"] as const;

const owners = { businessOwner: "Reliability drills", technicalOwner: "Reliability drills", successMetric: "nothing lost", failureMode: "a lost event" };

export function drillProgram(end: Date): ProgramDocument {
  const demo = buildDemoProgram(end);
  return {
    ...demo,
    workflows: [
      ...(demo.workflows ?? []),
      { key: DRILL_WORKFLOWS.concurrency, name: "Concurrency drill", tier: "draft", ...owners },
      { key: DRILL_WORKFLOWS.backup, name: "Backup drill", tier: "draft", ...owners },
    ],
    cohorts: [...(demo.cohorts ?? []), ...DRILL_COHORTS.map((key) => ({ key, name: `Drill cohort ${key}`, department: "Drills", size: 50 }))],
    rollouts: [
      ...(demo.rollouts ?? []),
      ...Object.values(DRILL_WORKFLOWS).flatMap((workflow) => DRILL_COHORTS.map((cohort) => ({ workflow, cohort, phase: "pilot" as const }))),
    ],
  };
}
