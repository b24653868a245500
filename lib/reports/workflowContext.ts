// What the workflow dashboards need besides the metrics: the workflow, its rollouts (cohorts, phases, start dates,
// baselines), the agent versions seen, and each rollout's gate thresholds from the template it is judged by.
import type { Database } from "@/lib/db/database";
import { listRollouts, type RolloutRow } from "@/lib/db/queries/listRollouts";
import { listAgentVersions, type AgentVersionSeen } from "@/lib/db/queries/listAgentVersions";
import { installationSettings } from "@/lib/db/settings";
import { InvalidParameterError } from "@/lib/errors";
import type { Phase, Tier } from "@/lib/contract/vocabulary";
import type { GateTemplateInput } from "@/lib/contract/program";
import { chooseTemplate } from "@/lib/scorecards/templates";
import { today } from "@/lib/time";

export interface RolloutGate {
  cohort: string;
  /** The template the rollout is judged by; null when none leaves its phase for the workflow's tier. */
  template: { key: string; version: number; from: Phase; to: Phase; windowWeeks: number } | null;
  criteria: GateTemplateInput["criteria"];
}

export interface WorkflowContext {
  workflow: {
    key: string;
    name: string;
    tier: Tier;
    businessOwner: string;
    technicalOwner: string;
    successMetric: string;
    failureMode: string;
  };
  rollouts: RolloutRow[];
  agentVersions: AgentVersionSeen[];
  gates: RolloutGate[];
  timezone: string;
  /** Today in the installation timezone. */
  today: string;
}

async function gateOf(db: Database, rollout: RolloutRow): Promise<RolloutGate> {
  try {
    const template = await chooseTemplate(db, rollout.phase, rollout.tier);
    const { key, version, from, to, windowWeeks, criteria } = template;
    return { cohort: rollout.cohort, template: { key, version, from, to, windowWeeks }, criteria };
  } catch (error) {
    if (error instanceof InvalidParameterError && error.parameter === "template") return { cohort: rollout.cohort, template: null, criteria: [] };
    throw error;
  }
}

/** The workflow's context, or null when no workflow has the key. */
export async function workflowContext(db: Database, key: string, now = new Date()): Promise<WorkflowContext | null> {
  const [workflow, allRollouts, agentVersions, { timezone }] = await Promise.all([
    db.prisma.workflow.findUnique({ where: { key } }),
    listRollouts(db),
    listAgentVersions(db, key),
    installationSettings(db),
  ]);
  if (!workflow) return null;
  const rollouts = allRollouts.filter((r) => r.workflow === key);
  const gates = await Promise.all(rollouts.map((rollout) => gateOf(db, rollout)));
  return {
    workflow: {
      key: workflow.key,
      name: workflow.name,
      tier: workflow.tier as Tier,
      businessOwner: workflow.businessOwner,
      technicalOwner: workflow.technicalOwner,
      successMetric: workflow.successMetric,
      failureMode: workflow.failureMode,
    },
    rollouts,
    agentVersions,
    gates,
    timezone,
    today: today(timezone, now),
  };
}
