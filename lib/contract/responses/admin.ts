// What the administration API answers: keys, users, the audit trail, retention and legal holds, the program.
import { z } from "zod";
import { ROLES, SCOPES, SOURCE_TYPES } from "@/lib/contract/vocabulary";
import { MATCH_FIELDS } from "@/lib/contract/sources";
import { alertChannelSchema, alertRuleSchema } from "@/lib/contract/alerts";
import { timestamp } from "./common";

export const apiKeySummary = z.object({
  name: z.string(),
  prefix: z.string().meta({ description: "The secret's first characters, to tell keys apart; the secret itself is never shown again." }),
  scopes: z.array(z.enum(SCOPES)),
  workflows: z.array(z.string()).nullable().meta({ description: "The workflows the key may send events for; null for all." }),
  createdAt: timestamp,
  revokedAt: timestamp.nullable(),
  lastUsedAt: timestamp.nullable(),
});
export const keyList = z.object({ keys: z.array(apiKeySummary) });
export const createdKey = z.object({
  secret: z.string().meta({ description: "The key's secret, shown in this answer only: send it as `Authorization: Bearer <secret>`." }),
  key: apiKeySummary,
});
export const revokedKey = z.object({ revoked: z.string() });

export const userSummary = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  roles: z.array(z.enum(ROLES)).readonly(),
  workflows: z.array(z.string()).readonly(),
  hasPassword: z.boolean(),
  sso: z.boolean(),
  createdAt: timestamp,
  disabledAt: timestamp.nullable(),
});
export const userList = z.object({ users: z.array(userSummary) });
export const oneUser = z.object({ user: userSummary });
const signInLink = z
  .object({ url: z.string(), expiresAt: z.string() })
  .meta({ description: "A one-time sign-in link to hand to the user; it is in this answer only." });
export const createdUser = z.object({ user: userSummary, signInLink });
export const newSignInLink = z.object({ signInLink });

export const auditRecord = z.object({
  seq: z.int(),
  at: timestamp,
  actorType: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  source: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  count: z.int().min(1).meta({ description: "How many times it happened: above 1 for a stranger's refusals counted into one record per address and window." }),
});
export const auditPage = z.object({
  records: z.array(auditRecord),
  nextBefore: z.int().nullable().meta({ description: "Pass as `before` for the next, older page; null when there is none." }),
});

export const legalHoldView = z.object({ workflow: z.string(), reason: z.string(), placedBy: z.string(), placedAt: timestamp });
export const liftedHold = z.object({ workflow: z.string(), lifted: z.boolean() });
export const retentionStatus = z.object({
  days: z.int(),
  watermark: timestamp.nullable(),
  lastRun: z.object({ at: timestamp, actor: z.string(), total: z.int() }).nullable(),
  holds: z.array(legalHoldView),
});
export const retentionDays = z.object({ days: z.int() });
export const retentionRun = z.object({
  at: timestamp,
  days: z.int(),
  cutoff: timestamp,
  watermark: timestamp.nullable(),
  deleted: z.record(z.string(), z.int()),
  held: z.array(z.string()),
  total: z.int(),
  expiredCredentials: z.int(),
});

const changeCount = z.object({ created: z.int(), updated: z.int(), unchanged: z.int() });
export const applySummary = z.object({
  workflows: changeCount,
  cohorts: changeCount,
  rollouts: changeCount,
  gates: changeCount,
  reviewContentDays: changeCount.meta({ description: "The program's reviewContentDays setting." }),
  changed: z.boolean(),
});

const count = z.int().min(0);
const lineMessage = z.object({ line: z.int().min(0), message: z.string() });

/** What an import (or its dry run) read, derived, stored and skipped, and why: the CLI, the API and the page show it. */
export const importSummary = z.object({
  source: z.string(),
  type: z.enum(SOURCE_TYPES),
  fileName: z.string(),
  sha256: z.string(),
  bytes: count,
  dryRun: z.boolean().meta({ description: "True for a preview: nothing was stored." }),
  format: z.string(),
  variants: z.array(z.string()).meta({ description: 'The exports the records came from, e.g. "Purview portal CSV export".' }),
  counts: z.object({ records: count, events: count, new: count, alreadyImported: count, rejected: count, skipped: count, errors: count }),
  events: z.array(z.object({ workflow: z.string(), cohort: z.string(), type: z.string(), new: count, alreadyImported: count })),
  skipped: z.array(
    z.object({ reason: z.string(), label: z.string(), count, examples: z.array(z.object({ line: count, record: z.string() })).max(2) }),
  ),
  unmatched: z.partialRecord(z.enum(MATCH_FIELDS), z.array(z.object({ value: z.string(), count }))).meta({
    description: "The most frequent agent names, app hosts and bots that no rule matched: what to add to the source's rules.",
  }),
  errors: z.array(lineMessage).meta({ description: "Records that could not be read, by line (the first 100)." }),
  warnings: z.array(z.string()),
  preview: z.array(z.record(z.string(), z.unknown())).meta({ description: "The first derived events as they would be stored (actors already keyed hashes)." }),
});

export const importHistory = z.object({
  imports: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      fileName: z.string(),
      sha256: z.string().nullable(),
      actor: z.string(),
      startedAt: timestamp,
      finishedAt: timestamp.nullable().meta({ description: "Null while the import runs, or when it died before finishing." }),
      counts: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});

const alertTry = z.object({ attempt: z.int().min(1), at: timestamp, durationMs: count, code: z.int().nullable(), error: z.string().nullable() });

export const alertsOverview = z.object({
  channels: z.array(
    alertChannelSchema.and(
      z.object({ problem: z.string().nullable().meta({ description: "Why the channel cannot send (a variable it names is not set); null when configured." }) }),
    ),
  ),
  rules: z.array(alertRuleSchema),
  alerts: z.array(
    z.object({
      id: z.string(),
      channel: z.string(),
      trigger: z.string(),
      workflow: z.string().nullable(),
      cohort: z.string().nullable(),
      status: z.string().meta({ description: "pending, delivered or failed." }),
      attempts: count,
      createdAt: timestamp,
      nextAttemptAt: timestamp,
      finishedAt: timestamp.nullable(),
      lastCode: z.int().nullable(),
      lastError: z.string().nullable(),
      tries: z.array(alertTry),
    }),
  ),
});

/** A test alert's one attempt: delivered, or why not (a test is never retried). */
export const alertTestOutcome = z.union([
  z.object({ delivered: z.literal(true), code: z.int() }),
  z.object({ delivered: z.literal(false), code: z.int().nullable(), error: z.string(), retry: z.boolean(), retryAfterMs: z.number().optional() }),
]);

/** "Pull now": the source's pull is due; the scheduler's next check (in any instance) runs it. */
export const pullRequested = z.object({ queued: z.literal(true) });
