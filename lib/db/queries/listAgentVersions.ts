import type { Database } from "@/lib/db/database";

export interface AgentVersionSeen {
  version: string;
  /** Outputs the version produced, at any time. */
  outputs: number;
  /** The first and last local day it produced anything. */
  firstDay: string | null;
  lastDay: string | null;
}

/**
 * The agent versions a workflow's events named (optionally of one cohort), newest release first by numeric-aware
 * label order; events without a version ("") are left out, as a filter cannot select them.
 */
export async function listAgentVersions(db: Database, workflow: string, cohort?: string): Promise<AgentVersionSeen[]> {
  const groups = await db.prisma.dailyRollup.groupBy({
    by: ["agentVersion"],
    where: { workflow, ...(cohort ? { cohort } : {}), agentVersion: { not: "" } },
    _sum: { outputs: true },
    _min: { day: true },
    _max: { day: true },
  });
  return groups
    .map((g) => ({ version: g.agentVersion, outputs: g._sum.outputs ?? 0, firstDay: g._min.day ?? null, lastDay: g._max.day ?? null }))
    .sort((a, b) => b.version.localeCompare(a.version, "en", { numeric: true }));
}
