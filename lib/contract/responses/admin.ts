// What the administration API answers: keys, users, the audit trail, retention and legal holds, the program.
import { z } from "zod";
import { ROLES } from "@/lib/contract/vocabulary";
import { SCOPES } from "@/lib/contract/vocabulary";
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

export const auditPage = z.object({
  records: z.array(
    z.object({
      seq: z.int(),
      at: timestamp,
      actorType: z.string(),
      actor: z.string(),
      action: z.string(),
      target: z.string().nullable(),
      source: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
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
  changed: z.boolean(),
});
