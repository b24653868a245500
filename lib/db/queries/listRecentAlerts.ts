import type { Database } from "@/lib/db/database";

/** The newest alerts (tests included), each with its attempts in order. */
export async function listRecentAlerts(db: Database, limit: number) {
  const alerts = await db.prisma.alert.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true, channel: true, trigger: true, workflow: true, cohort: true, status: true, attempts: true, createdAt: true,
      nextAttemptAt: true, finishedAt: true, lastCode: true, lastError: true,
    },
  });
  const attempts = await db.prisma.alertAttempt.findMany({ where: { alertId: { in: alerts.map((a) => a.id) } }, orderBy: [{ alertId: "asc" }, { attempt: "asc" }] });
  return alerts.map((alert) => ({ ...alert, tries: attempts.filter((a) => a.alertId === alert.id).map(({ alertId: _alertId, ...attempt }) => attempt) }));
}
