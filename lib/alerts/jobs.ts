// The alerts' background work, run by lib/jobs in every app instance: delivery of the outbox (each instance looks
// every few seconds and claims alerts one by one), and the two checks on a shared schedule (one instance runs each
// per interval): scorecard re-evaluation and quiet workflows.
import type { Job } from "@/lib/jobs/scheduler";
import { deliverDue } from "./deliver";
import { checkQuietWorkflows, reevaluateScorecards } from "./watch";

const MINUTE = 60 * 1000;

export const ALERT_JOBS: readonly Job[] = [
  {
    name: "alerts.deliver",
    checkMs: 2 * 1000,
    firstDelayMs: 5 * 1000,
    async run(db) {
      const { delivered, retrying, failed } = await deliverDue(db);
      return delivered + retrying + failed > 0 ? `Alerts: ${delivered} delivered, ${retrying} to retry, ${failed} failed.` : null;
    },
  },
  {
    name: "scorecards.reevaluate",
    everyMs: 15 * MINUTE,
    checkMs: MINUTE,
    firstDelayMs: MINUTE,
    async run(db, now) {
      const { evaluated, alerts } = await reevaluateScorecards(db, now);
      return evaluated > 0 ? `Scorecards: re-evaluated ${evaluated} rollout${evaluated === 1 ? "" : "s"}; ${alerts} new alert${alerts === 1 ? "" : "s"}.` : null;
    },
  },
  {
    name: "workflows.quiet",
    everyMs: 15 * MINUTE,
    checkMs: MINUTE,
    firstDelayMs: 90 * 1000,
    async run(db, now) {
      const alerts = await checkQuietWorkflows(db, now);
      return alerts > 0 ? `Quiet workflows: ${alerts} new alert${alerts === 1 ? "" : "s"}.` : null;
    },
  },
];

/** TOLLGATE_ALERT_JOBS=0 turns delivery and the checks off in this instance (alerts are still written). */
export function alertJobsEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.TOLLGATE_ALERT_JOBS?.trim() !== "0";
}
