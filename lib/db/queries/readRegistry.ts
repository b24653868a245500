import type { Transaction } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/db/prisma";

export interface StoredRegistry {
  workflows: Map<string, Prisma.WorkflowModel>;
  cohorts: Map<string, Prisma.CohortModel>;
  /** Keyed "workflow/cohort". */
  rollouts: Map<string, Prisma.RolloutModel>;
  /** The newest version of each gate template. */
  gates: Map<string, Prisma.GateTemplateModel>;
  /** Microsoft 365 sources, by key. */
  sources: Map<string, Prisma.SourceModel>;
  /** Directory column maps, by lower-cased column name. */
  directoryMaps: Map<string, Prisma.DirectoryMapModel>;
  /** Alert channels, by key. */
  alertChannels: Map<string, Prisma.AlertChannelModel>;
}

/** The whole registry as the transaction that changes it sees it (tens of rows, not events). */
export async function readRegistry(tx: Transaction): Promise<StoredRegistry> {
  const [workflows, cohorts, rollouts, gates, sources, directoryMaps, alertChannels] = [
    await tx.workflow.findMany(),
    await tx.cohort.findMany(),
    await tx.rollout.findMany(),
    await tx.gateTemplate.findMany({ orderBy: [{ key: "asc" }, { version: "asc" }] }),
    await tx.source.findMany(),
    await tx.directoryMap.findMany(),
    await tx.alertChannel.findMany(),
  ];
  return {
    workflows: new Map(workflows.map((w) => [w.key, w])),
    cohorts: new Map(cohorts.map((c) => [c.key, c])),
    rollouts: new Map(rollouts.map((r) => [`${r.workflow}/${r.cohort}`, r])),
    // Ascending versions: the newest of each key is set last.
    gates: new Map(gates.map((g) => [g.key, g])),
    sources: new Map(sources.map((s) => [s.key, s])),
    directoryMaps: new Map(directoryMaps.map((d) => [d.column, d])),
    alertChannels: new Map(alertChannels.map((c) => [c.key, c])),
  };
}
