// What Administration → Alerts and GET /api/v1/alerts show: the channels (with the names of the variables they read
// and whether those are set, never their values), the rules, and the newest alerts with every attempt.
import type { Database } from "@/lib/db/database";
import { alertChannelSchema, alertRuleSchema, type AlertChannel, type AlertRule } from "@/lib/contract/alerts";
import { listAlertChannels } from "@/lib/db/queries/listAlertChannels";
import { listRecentAlerts } from "@/lib/db/queries/listRecentAlerts";
import { readAlertRules } from "@/lib/db/queries/readAlertRules";
import { configurationProblem } from "./send";

export const ALERTS_SHOWN = 100;

export type ChannelOverview = AlertChannel & {
  /** Why it cannot send (a variable it names is not set); null when configured. */
  problem: string | null;
};

export interface AlertsOverview {
  channels: ChannelOverview[];
  rules: AlertRule[];
  alerts: Awaited<ReturnType<typeof listRecentAlerts>>;
}

export async function alertsOverview(db: Database, env: Record<string, string | undefined> = process.env): Promise<AlertsOverview> {
  const [channels, rules, alerts] = await Promise.all([listAlertChannels(db), readAlertRules(db.sql), listRecentAlerts(db, ALERTS_SHOWN)]);
  return {
    channels: channels.map((row) => {
      const channel = alertChannelSchema.parse(JSON.parse(row.definition));
      return { ...channel, problem: configurationProblem(channel, env) };
    }),
    rules: rules.map((definition) => alertRuleSchema.parse(JSON.parse(definition))),
    alerts,
  };
}
