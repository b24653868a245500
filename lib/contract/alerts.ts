// Input shapes of alerts: channels (where alerts go) and rules (which triggers go where), in program.json's
// `alerts` section. A channel names the environment variables holding its URL and secret, never the values, so
// secrets stay out of files under version control, out of the database and out of everything shown or exported.
import { z } from "zod";
import { SEVERITIES } from "./vocabulary";
import { slug } from "./common";
import { email } from "./accounts";

export const ALERT_TRIGGERS = [
  "incident.created",
  "verdict.changed",
  "drift.regression",
  "workflow.quiet",
  "decision.recorded",
  "source.failing",
] as const;
export type AlertTrigger = (typeof ALERT_TRIGGERS)[number];

export const CHANNEL_TYPES = ["teams", "slack", "email", "webhook"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** Variables Tollgate reads for itself: a channel naming one would send Tollgate's own settings to a receiver. */
const RESERVED_ENV = /^(TOLLGATE_|DATABASE_URL$)/;

/** The name of an environment variable. Its message never repeats what was sent: that may be the secret itself. */
export const envName = z
  .string()
  .max(128, "must be an environment variable's name of at most 128 characters")
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be the name of an environment variable (letters, digits and _), not its value")
  .refine((name) => !RESERVED_ENV.test(name), { message: "names one of Tollgate's own settings; use a variable of the channel's own" });

const urlChannel = <T extends ChannelType>(type: T) => z.strictObject({ key: slug, type: z.literal(type), urlEnv: envName });

export const alertChannelSchema = z.discriminatedUnion("type", [
  urlChannel("teams"),
  urlChannel("slack"),
  z.strictObject({ key: slug, type: z.literal("webhook"), urlEnv: envName, secretEnv: envName }),
  z.strictObject({ key: slug, type: z.literal("email"), to: z.array(email).min(1).max(50) }),
]);

export const alertRuleSchema = z.strictObject({
  on: z.array(z.enum(ALERT_TRIGGERS)).min(1, "name at least one trigger"),
  /** Only alerts about these workflows; omitted: every workflow. */
  workflows: z.array(slug).min(1).max(200).optional(),
  channel: slug,
  /** incident.created: incidents of this severity or more serious (a lower number); default 1. */
  maxSeverity: z.union(SEVERITIES.map((s) => z.literal(s)), { error: "must be 1, 2 or 3" }).optional(),
  /** workflow.quiet: hours without events; default 24. */
  quietHours: z.number().int().min(1).max(720).optional(),
});

export const alertsSchema = z.strictObject({
  channels: z.array(alertChannelSchema).default([]),
  /** When given, the rules replace the applied ones as a whole (rules have no key to merge by). */
  rules: z.array(alertRuleSchema).max(200).optional(),
});

export type AlertChannel = z.infer<typeof alertChannelSchema>;
export type AlertRule = z.infer<typeof alertRuleSchema>;
export type Alerts = z.infer<typeof alertsSchema>;

export const DEFAULT_MAX_SEVERITY = 1;
export const DEFAULT_QUIET_HOURS = 24;
