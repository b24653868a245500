// The program's `alerts` section: checked against the registry and the channels already stored, then applied in the
// program's transaction. Channels are created or replaced by key and never removed (alerts name them); rules, which
// have no key, are replaced as a whole when the document gives them.
import type { FieldError } from "@/lib/contract/common";
import type { Alerts } from "@/lib/contract/alerts";
import type { Transaction } from "@/lib/db/transaction";
import { listAlertChannels } from "@/lib/db/queries/listAlertChannels";
import { readAlertRules } from "@/lib/db/queries/readAlertRules";
import { replaceAlertRules } from "@/lib/db/queries/replaceAlertRules";
import { saveAlertChannel } from "@/lib/db/queries/saveAlertChannel";
import type { ChangeCount } from "@/lib/program/applyProgram";

export function alertErrors(alerts: Alerts | undefined, workflows: ReadonlySet<string>, storedChannels: ReadonlySet<string>): FieldError[] {
  if (!alerts) return [];
  const errors: FieldError[] = [];
  const channels = new Set(storedChannels);
  const seen = new Set<string>();
  alerts.channels.forEach((channel, i) => {
    if (seen.has(channel.key)) errors.push({ path: `alerts.channels[${i}]`, message: `duplicate channel key "${channel.key}"` });
    seen.add(channel.key);
    channels.add(channel.key);
  });
  alerts.rules?.forEach((rule, i) => {
    const path = `alerts.rules[${i}]`;
    if (!channels.has(rule.channel)) errors.push({ path: `${path}.channel`, message: `unknown channel "${rule.channel}"` });
    rule.workflows?.forEach((workflow, j) => {
      if (!workflows.has(workflow)) errors.push({ path: `${path}.workflows[${j}]`, message: `unknown workflow "${workflow}"` });
    });
    if (rule.maxSeverity !== undefined && !rule.on.includes("incident.created")) {
      errors.push({ path: `${path}.maxSeverity`, message: `applies only to "incident.created", which the rule is not on` });
    }
    if (rule.quietHours !== undefined && !rule.on.includes("workflow.quiet")) {
      errors.push({ path: `${path}.quietHours`, message: `applies only to "workflow.quiet", which the rule is not on` });
    }
  });
  return errors;
}

export interface AlertChanges {
  alertChannels: ChangeCount;
  /** Compared position by position; a rule dropped from the end counts as updated. */
  alertRules: ChangeCount;
}

/** Applies the section; `note` records each change (before, after) for the program's audit record. */
export async function applyAlerts(
  tx: Transaction,
  alerts: Alerts | undefined,
  note: (name: string, before: unknown, after: unknown) => void,
): Promise<AlertChanges> {
  const changes: AlertChanges = { alertChannels: { created: 0, updated: 0, unchanged: 0 }, alertRules: { created: 0, updated: 0, unchanged: 0 } };
  if (!alerts) return changes;
  const stored = new Map((await listAlertChannels(tx)).map((row) => [row.key, row.definition]));
  for (const channel of alerts.channels) {
    const definition = JSON.stringify(channel);
    const before = stored.get(channel.key);
    if (before === definition) {
      changes.alertChannels.unchanged++;
      continue;
    }
    await saveAlertChannel(tx, channel.key, definition);
    note(`alerts/channels/${channel.key}`, before === undefined ? null : JSON.parse(before), channel);
    changes.alertChannels[before === undefined ? "created" : "updated"]++;
  }
  if (alerts.rules) {
    const before = await readAlertRules(tx);
    const after = alerts.rules.map((rule) => JSON.stringify(rule));
    after.forEach((definition, i) => {
      const kind = before[i] === undefined ? "created" : before[i] === definition ? "unchanged" : "updated";
      changes.alertRules[kind]++;
    });
    changes.alertRules.updated += Math.max(0, before.length - after.length);
    if (before.join("\n") !== after.join("\n")) {
      await replaceAlertRules(tx, after);
      note("alerts/rules", before.map((rule) => JSON.parse(rule) as unknown), alerts.rules);
    }
  }
  return changes;
}
