// What an alert says to a person, whatever the channel: a title, a sentence or two, the facts, and the page to open.
// Teams, Slack and email render this; the webhook sends the payload itself.
import type { AlertPayload } from "@/lib/alerts/outbox";
import { DECISION_LABELS, PHASE_LABELS, errorCategoryLabel, metricInfo } from "@/lib/ui/labels";
import { formatPercent } from "@/lib/ui/format";
import type { Decision } from "@/lib/contract/scorecard";
import type { Phase } from "@/lib/contract/vocabulary";

/** The type of the payload "Send a test" delivers. */
export const TEST_ALERT = "alert.test";

export interface AlertMessage {
  title: string;
  summary: string;
  facts: [string, string][];
  url: string;
  /** The label of the button or link to the page. */
  action: string;
}

const verdictWord = (verdict: unknown) => String(verdict).replace("_", "-").toUpperCase();
const phase = (value: unknown) => (value ? (PHASE_LABELS[value as Phase] ?? String(value)) : "—");
const instant = (value: unknown) => new Date(String(value)).toISOString().replace("T", " ").replace(/:\d\d\.\d{3}Z$/, " UTC");
const share = (value: unknown) => (typeof value === "number" ? formatPercent(value) : "—");

export function messageOf(payload: AlertPayload): AlertMessage {
  const d = payload.data as Record<string, unknown> & { url: string };
  const rollout = `${d.workflow} (${d.cohort})`;
  const scorecard = { url: d.url, action: "Open the scorecard" };
  const where: [string, string][] = [
    ["Workflow", String(d.workflow)],
    ["Cohort", String(d.cohort)],
  ];
  switch (payload.type) {
    case "incident.created":
      return {
        title: `Severity ${d.severity} incident in ${rollout}`,
        summary: `A ${errorCategoryLabel(String(d.category)).toLowerCase()} incident was reported.`,
        facts: [...where, ["Category", errorCategoryLabel(String(d.category))], ["Severity", String(d.severity)], ["Event id", String(d.eventId)], ["Occurred", instant(d.occurredAt)]],
        ...scorecard,
      };
    case "verdict.changed":
      return {
        title: `${rollout}: the scorecard says ${verdictWord(d.to)} (was ${verdictWord(d.from)})`,
        summary: (d.reasons as string[]).join("; ") || "The gate's criteria decided it.",
        facts: [...where, ["Phase", phase(d.phase)], ["Gate", String(d.template)], ["Verdict", `${verdictWord(d.from)} → ${verdictWord(d.to)}`]],
        ...scorecard,
      };
    case "drift.regression": {
      const metric = metricInfo(String(d.metric)).label;
      return {
        title: `${rollout}: agent version ${d.newer} regressed on ${metric.toLowerCase()}`,
        summary: String(d.reason),
        facts: [...where, ["Metric", metric], [`Version ${d.newer}`, share(d.newerValue)], [`Version ${d.older}`, share(d.olderValue)]],
        ...scorecard,
      };
    }
    case "workflow.quiet":
      return {
        title: `${d.workflow} has had no events for ${d.hoursQuiet} hours`,
        summary: `It had events on each of the 7 days before it went quiet: its agent or connector may have stopped sending.`,
        facts: [["Workflow", String(d.workflow)], ["Last event", instant(d.lastEventAt)]],
        url: d.url,
        action: "Open the workflow",
      };
    case "decision.recorded":
      return {
        title: `Board decision on ${rollout}: ${DECISION_LABELS[d.decision as Decision] ?? String(d.decision)}`,
        summary: String(d.rationale),
        facts: [
          ...where,
          ["Computed verdict", verdictWord(d.computedVerdict)],
          ["Phase", d.toPhase ? `${phase(d.fromPhase)} → ${phase(d.toPhase)}` : phase(d.fromPhase)],
          ...(d.override ? [["Override", String(d.override)] as [string, string]] : []),
          ["Scorecard SHA-256", String(d.snapshotSha256)],
        ],
        ...scorecard,
      };
    case "source.failing":
      return {
        title: `Source ${d.source} is failing`,
        summary: String(d.error),
        facts: [["Source", String(d.source)], ...(d.workflow ? [["Workflow", String(d.workflow)] as [string, string]] : []), ["Failed", instant(d.failedAt)]],
        url: d.url,
        action: "Open Tollgate",
      };
    default:
      return {
        title: "Test alert from Tollgate",
        summary: `The channel ${d.channel} is set up: this message came through it.`,
        facts: [["Channel", String(d.channel)]],
        url: d.url,
        action: "Open the alerts page",
      };
  }
}
