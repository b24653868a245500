// The outbox: alerts are written in the transaction of what caused them (the ingestion of an incident, a decision, a
// re-evaluated scorecard), so a crash right after the commit still leaves the alert to deliver, and a rolled-back
// change leaves none. lib/alerts/deliver.ts sends them.
import crypto from "node:crypto";
import type { SqlExecutor } from "@/lib/db/sql";
import type { Writer } from "@/lib/db/writer";
import { insertAlerts, type NewAlert } from "@/lib/db/queries/insertAlerts";
import { readAlertRules } from "@/lib/db/queries/readAlertRules";
import { alertRuleSchema } from "@/lib/contract/alerts";
import { publicBaseUrl } from "@/lib/auth/signIn";
import { channelsFor, decisionRecorded, incidentsCreated, sourceFailing, type AlertCause, type DecisionFacts, type IncidentEvent, type SourceFailure } from "./triggers";

/** The body of a webhook, and what every channel's message is rendered from (Standard Webhooks' envelope). */
export interface AlertPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown> & { url: string };
}

/** A Standard Webhooks message id: the `webhook-id` of every attempt to deliver the alert. */
export const newAlertId = () => `msg_${crypto.randomBytes(16).toString("base64url")}`;

/** Where the links in alerts point: TOLLGATE_PUBLIC_URL, else this machine's port. */
export const alertLink = (page: string) => `${publicBaseUrl(`http://localhost:${process.env.PORT ?? 3000}`)}${page}`;

export function payloadOf(cause: AlertCause): AlertPayload {
  return { type: cause.trigger, timestamp: cause.at.toISOString(), data: { ...cause.facts, url: alertLink(cause.page) } };
}

/** Writes an alert for each cause and each channel its rules route it to, in the caller's transaction. */
export async function enqueueAlerts(tx: Writer, causes: readonly AlertCause[]): Promise<number> {
  if (causes.length === 0) return 0;
  const rules = (await readAlertRules(tx)).map((definition) => alertRuleSchema.parse(JSON.parse(definition)));
  const alerts: NewAlert[] = causes.flatMap((cause) =>
    channelsFor(cause, rules).map((channel) => ({
      id: newAlertId(),
      channel,
      trigger: cause.trigger,
      cause: cause.cause,
      workflow: cause.workflow,
      cohort: cause.cohort,
      payload: JSON.stringify(payloadOf(cause)),
      createdAt: cause.at,
    })),
  );
  return alerts.length ? insertAlerts(tx, alerts) : 0;
}

/** Ingestion's hook: the incidents among the events its transaction stored (no read at all when there are none). */
export function alertIncidents(tx: SqlExecutor, stored: readonly IncidentEvent[]): Promise<number> {
  return enqueueAlerts(tx, incidentsCreated(stored, new Date()));
}

/** The board's decision, in its transaction. */
export function alertDecision(tx: Writer, decision: DecisionFacts): Promise<number> {
  return enqueueAlerts(tx, [decisionRecorded(decision)]);
}

/** For lib/sources: a Microsoft 365 import or pull failed; call it in the transaction that records the failure. */
export function alertSourceFailure(tx: Writer, failure: SourceFailure): Promise<number> {
  return enqueueAlerts(tx, [sourceFailing(failure)]);
}
