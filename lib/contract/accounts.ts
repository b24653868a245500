// Input shapes of accounts, keys, retention and the audit trail: the API's and the CLI's single truth.
import { z } from "zod";
import { ACTOR_TYPES, ROLES, SCOPES } from "./vocabulary";
import { localDate, slug, storableText } from "./common";

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ error: "must be an email address" }));

const MIN_PASSWORD_LENGTH = 12;
export const passwordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, "must be at most 256 characters");

const roleList = z.array(z.enum(ROLES)).min(1, "name at least one role: admin, owner, board or viewer");
const workflowList = z.array(slug).max(200);

export const userInput = z.strictObject({
  email,
  name: storableText().pipe(z.string().trim().max(200)).optional(),
  roles: roleList,
  /** The workflows an owner edits the checklist of, and a reviewer reviews. */
  workflows: workflowList.optional(),
});
export type UserInput = z.infer<typeof userInput>;

export const userUpdate = z
  .strictObject({
    name: storableText().pipe(z.string().trim().max(200)).nullable().optional(),
    roles: roleList.optional(),
    workflows: workflowList.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: "change at least one of name, roles, workflows, disabled" });
export type UserUpdate = z.infer<typeof userUpdate>;

export const signInForm = z.strictObject({
  email,
  password: z.string().min(1, "enter your password").max(256),
  /** Where to go after signing in: a path of this app only. */
  next: z.string().optional(),
});

/** The one-time sign-in link's token, as the sign-in link page posts it. */
export const signInLinkInput = z.strictObject({ token: z.string().min(1).max(200) });

export const passwordChange = z.strictObject({
  currentPassword: z.string().max(256).optional(),
  newPassword: passwordField,
});

/** An API key's name: how people and the audit trail tell keys apart. */
export const keyName = z.string().trim().min(1).max(100).regex(/^[\w.@-]+$/, "may hold letters, digits, . _ @ and -");

export const scopeList = z.array(z.enum(SCOPES)).min(1, `name at least one scope: ${SCOPES.join(", ")}`);

export const keyInput = z.strictObject({
  name: keyName,
  scopes: scopeList,
  workflows: workflowList.optional(),
});

export const retentionUpdate = z.strictObject({
  days: z.number().int("must be a whole number of days").min(30, "must be at least 30 days").max(36500, "must be at most 36,500 days"),
});

export const legalHoldInput = z.strictObject({
  reason: storableText().pipe(z.string().trim().min(1, "say why the hold is placed").max(1000)),
});

export const auditQuery = z.strictObject({
  from: localDate.optional(),
  to: localDate.optional(),
  /** A case-insensitive part of the actor's name (email, key name…); the whole name with actorMatch=exact. */
  actor: storableText().pipe(z.string().trim().max(254)).optional(),
  actorMatch: z.enum(["contains", "exact"]).optional(),
  actorType: z.enum(ACTOR_TYPES).optional(),
  /** An action name (key.create), or every action under a prefix ending in "." (key.). */
  action: storableText().pipe(z.string().trim().max(100)).optional(),
  /** The exact target (a workflow, a key name, a user's email). */
  target: storableText().pipe(z.string().trim().max(254)).optional(),
  /** Records older than this sequence number (the next page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  format: z.enum(["json", "csv"]).optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after to", path: ["from"] });
