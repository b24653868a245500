import type { Database } from "@/lib/db/database";

export interface RolloutTotals {
  workflow: string;
  cohort: string;
  outputs: number;
  reviews: number;
  accepted: number;
  lightEdits: number;
  lastDay: string | null;
}

/** Event totals per rollout from the daily rollups, for days in [from, to). */
export async function rolloutTotals(db: Database, from: string, to: string): Promise<RolloutTotals[]> {
  const groups = await db.prisma.dailyRollup.groupBy({
    by: ["workflow", "cohort"],
    where: { day: { gte: from, lt: to } },
    _sum: { outputs: true, reviews: true, accepted: true, lightEdits: true },
    _max: { day: true },
  });
  return groups.map((g) => ({
    workflow: g.workflow,
    cohort: g.cohort,
    outputs: g._sum.outputs ?? 0,
    reviews: g._sum.reviews ?? 0,
    accepted: g._sum.accepted ?? 0,
    lightEdits: g._sum.lightEdits ?? 0,
    lastDay: g._max.day ?? null,
  }));
}
