// What the workflow dashboards need besides the metrics: the workflow, its rollouts (cohorts, phases, start dates,
// baselines), the agent versions seen, and each rollout's gate thresholds from the template it is judged by.
import type { Database } from "@/lib/db/database";
import { listRollouts, type RolloutRow } from "@/lib/db/queries/listRollouts";
import { listAgentVersions, type AgentVersionSeen } from "@/lib/db/queries/listAgentVersions";
import { findWorkflow, type WorkflowRow } from "@/lib/db/queries/findWorkflow";
import { readLatestGateTemplates } from "@/lib/db/queries/readLatestGateTemplates";
import { installationTimezone } from "@/lib/time/installation";
import type { Phase } from "@/lib/contract/vocabulary";
import type { GateTemplateInput } from "@/lib/contract/program";
import { applicableTemplate, type StoredTemplate } from "@/lib/gates/template";
import { today } from "@/lib/time";

export interface RolloutGate {
  cohort: string;
  /** The template the rollout is judged by; null when none leaves its phase for the workflow's tier. */
  template: { key: string; version: number; from: Phase; to: Phase; windowWeeks: number } | null;
  criteria: GateTemplateInput["criteria"];
}

export interface WorkflowContext {
  workflow: WorkflowRow;
  rollouts: RolloutRow[];
  agentVersions: AgentVersionSeen[];
  gates: RolloutGate[];
  timezone: string;
  /** Today in the installation timezone. */
  today: string;
}

function gateOf(templates: readonly StoredTemplate[], rollout: RolloutRow): RolloutGate {
  const template = applicableTemplate(templates, rollout.phase, rollout.tier);
  if (!template) return { cohort: rollout.cohort, template: null, criteria: [] };
  const { key, version, from, to, windowWeeks, criteria } = template;
  return { cohort: rollout.cohort, template: { key, version, from, to, windowWeeks }, criteria };
}

/** The workflow's context, or null when no workflow has the key. */
export async function workflowContext(db: Database, key: string, now = new Date()): Promise<WorkflowContext | null> {
  const [{ workflow, templates }, allRollouts, agentVersions, timezone] = await Promise.all([
    db.sql.read(async (tx) => ({ workflow: await findWorkflow(tx, key), templates: await readLatestGateTemplates(tx) })),
    listRollouts(db.sql),
    listAgentVersions(db, key),
    installationTimezone(db),
  ]);
  if (!workflow) return null;
  const rollouts = allRollouts.filter((r) => r.workflow === key);
  return {
    workflow,
    rollouts,
    agentVersions,
    gates: rollouts.map((rollout) => gateOf(templates, rollout)),
    timezone,
    today: today(timezone, now),
  };
}
