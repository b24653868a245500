// Users and how they sign in: by password, by a one-time link, or by single sign-on (lib/auth/oidc.ts). Every
// change is audited in its own transaction; users are disabled, never deleted, because the audit trail names them.
import crypto from "node:crypto";
import type { z } from "zod";
import type { Database } from "@/lib/db/database";
import { appendAudit, type Actor } from "@/lib/audit/audit";
import { ConflictError, InvalidParameterError, ThrottledError, UserFacingError } from "@/lib/errors";
import { passwordField, userInput, userUpdate, type UserInput, type UserUpdate } from "@/lib/contract/accounts";
import type { userSummary } from "@/lib/contract/responses/admin";
import { hashPassword } from "./passwords";
import { signInWithPassword } from "./passwordSignIn";
import { sha256, toUserPrincipal } from "./sessions";
import { deleteUserSessions } from "@/lib/db/queries/sessionRows";
import { changeUser, insertUser, listUserRows, readUserByEmail, readUserById, type UserRow } from "@/lib/db/queries/userRows";
import { insertSignInLink, readSignInLink, revokeSignInLinks, spendSignInLink } from "@/lib/db/queries/signInLinkRows";
import { listUnknownWorkflows } from "@/lib/db/queries/listUnknownWorkflows";
import { inTransaction } from "@/lib/db/transaction";
import type { UserPrincipal } from "./authorize";

/** A user as the API and the users page show them (never a password hash): the shape lib/contract/responses/admin.ts documents. */
export type UserSummary = z.output<typeof userSummary>;

function summarize(row: UserRow): UserSummary {
  const principal = toUserPrincipal(row);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: principal.roles,
    workflows: principal.workflows,
    hasPassword: row.passwordHash !== null,
    sso: row.oidcSubject !== null,
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  };
}

/** What the audit trail keeps of a user: never the password hash. */
const auditView = (u: UserSummary) => ({ email: u.email, name: u.name, roles: u.roles, workflows: u.workflows, disabled: u.disabledAt !== null });

async function checkWorkflows(db: Database, workflows: readonly string[] | undefined): Promise<void> {
  if (!workflows?.length) return;
  const missing = await listUnknownWorkflows(db, workflows);
  if (missing.length) throw new InvalidParameterError("workflows", `unknown workflow(s): ${missing.join(", ")}`);
}

export async function listUsers(db: Database): Promise<UserSummary[]> {
  return (await listUserRows(db)).map(summarize);
}

export async function createUser(db: Database, input: UserInput, actor: Actor, options: { password?: string } = {}): Promise<UserSummary> {
  const data = userInput.parse(input);
  await checkWorkflows(db, data.workflows);
  const passwordHash = options.password === undefined ? null : await hashPassword(passwordField.parse(options.password));
  return inTransaction(db, async (tx) => {
    if (await readUserByEmail(tx, data.email)) throw new ConflictError(`A user with the email ${data.email} already exists.`);
    const row = await insertUser(tx, {
      id: crypto.randomUUID(),
      email: data.email,
      name: data.name || null,
      roles: [...new Set(data.roles)].join(","),
      workflows: data.workflows?.length ? [...new Set(data.workflows)].join(",") : null,
      passwordHash,
    });
    const user = summarize(row);
    await appendAudit(tx, actor, { action: "user.create", target: user.email, after: auditView(user) });
    return user;
  });
}

export async function updateUser(db: Database, id: string, update: UserUpdate, actor: Actor, now = new Date()): Promise<UserSummary> {
  const change = userUpdate.parse(update);
  await checkWorkflows(db, change.workflows);
  return inTransaction(db, async (tx) => {
    const row = await readUserById(tx, id);
    if (!row) throw new InvalidParameterError("id", `no user with id "${id}"`);
    const before = summarize(row);
    if (actor.type === "user" && actor.name === row.email && (change.disabled || (change.roles && !change.roles.includes("admin") && before.roles.includes("admin")))) {
      // An admin locking themselves out is nearly always a slip, and could leave no admin at all.
      throw new UserFacingError("You cannot disable yourself or remove your own admin role; ask another admin.");
    }
    const updated = await changeUser(tx, id, {
      ...(change.name !== undefined ? { name: change.name || null } : {}),
      ...(change.roles ? { roles: [...new Set(change.roles)].join(",") } : {}),
      ...(change.workflows ? { workflows: change.workflows.length ? [...new Set(change.workflows)].join(",") : null } : {}),
      ...(change.disabled !== undefined ? { disabledAt: change.disabled ? (row.disabledAt ?? now) : null } : {}),
    });
    // Disabling ends what the user holds; its sign-in links must not come back to life when the user is enabled again.
    if (change.disabled) {
      await deleteUserSessions(tx, id);
      await revokeSignInLinks(tx, id);
    }
    const after = summarize(updated);
    await appendAudit(tx, actor, { action: "user.update", target: after.email, before: auditView(before), after: auditView(after) }, now);
    return after;
  });
}

export async function findUserByEmail(db: Database, email: string): Promise<UserSummary | null> {
  const row = await readUserByEmail(db, email.trim().toLowerCase());
  return row ? summarize(row) : null;
}

/**
 * Sets a user's password. A user changing their own must give the current one when they have one (checked, audited
 * and throttled like a sign-in), cannot set one at all when they sign in by single sign-on (a local password would
 * outlive their account at the provider), and their other sessions and every sign-in link of theirs end. Admins use
 * the CLI (also the break-glass for a single sign-on user whose provider is out of reach).
 */
export async function setPassword(
  db: Database,
  userId: string,
  newPassword: string,
  actor: Actor,
  options: { currentPassword?: string; keepSessionId?: string } = {},
): Promise<void> {
  const row = await readUserById(db, userId);
  if (!row) throw new InvalidParameterError("id", `no user with id "${userId}"`);
  const self = actor.type === "user";
  if (self && row.oidcSubject) throw new UserFacingError("You sign in with single sign-on; Tollgate keeps no password for you.");
  if (self && row.passwordHash) {
    const check = await signInWithPassword(db, row.email, options.currentPassword ?? "", actor.source);
    if (!check.ok && check.throttled) throw new ThrottledError(check.retryAfterSeconds);
    if (!check.ok) throw new InvalidParameterError("currentPassword", "the current password is not right");
  }
  const passwordHash = await hashPassword(passwordField.parse(newPassword));
  await inTransaction(db, async (tx) => {
    await changeUser(tx, userId, { passwordHash });
    await deleteUserSessions(tx, userId, options.keepSessionId);
    const linksRevoked = await revokeSignInLinks(tx, userId);
    await appendAudit(tx, actor, { action: "user.password_set", target: row.email, ...(linksRevoked ? { after: { linksRevoked } } : {}) });
  });
}

const LINK_LIFETIME_MS = 24 * 60 * 60_000;

/** A one-time sign-in link token, valid for 24 hours; only its SHA-256 is stored. */
export async function createSignInLink(db: Database, userId: string, actor: Actor, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const row = await readUserById(db, userId);
  if (!row) throw new InvalidParameterError("id", `no user with id "${userId}"`);
  if (row.disabledAt) throw new UserFacingError(`${row.email} is disabled; enable the user first.`);
  // A link would skip the provider's multi-factor and conditional access; a password set on the server stays the break-glass.
  if (row.oidcSubject) {
    throw new UserFacingError(
      `${row.email} signs in with single sign-on; a sign-in link would bypass it. In an emergency, set a password on the server: npx tollgate users password --email ${row.email}`,
    );
  }
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS);
  await inTransaction(db, async (tx) => {
    await insertSignInLink(tx, { id: sha256(token), userId, createdAt: now, expiresAt });
    await appendAudit(tx, actor, { action: "user.sign_in_link", target: row.email, after: { expiresAt: expiresAt.toISOString() } }, now);
  });
  return { token, expiresAt };
}

/** Whether a link's user may sign in by it: not disabled, and not bound to single sign-on (bound since the link was made). */
const linkMaySignIn = (user: { disabledAt: Date | null; oidcSubject: string | null } | null) => user !== null && !user.disabledAt && user.oidcSubject === null;

/** The user a sign-in link would sign in, without using it up: null when it is unknown, used, expired, disabled or SSO-bound. */
export async function peekSignInLink(db: Database, token: string, now = new Date()): Promise<{ email: string } | null> {
  if (!token || token.length > 200) return null;
  const link = await readSignInLink(db, sha256(token));
  if (!link || link.usedAt || link.expiresAt <= now) return null;
  const user = await readUserById(db, link.userId);
  return user && linkMaySignIn(user) ? { email: user.email } : null;
}

/** Uses up a sign-in link; the user, or null when the link is unknown, used, expired or its user disabled or SSO-bound. */
export async function consumeSignInLink(db: Database, token: string, now = new Date()): Promise<UserPrincipal | null> {
  if (!token || token.length > 200) return null;
  const id = sha256(token);
  if (!(await spendSignInLink(db, id, now))) return null;
  const link = await readSignInLink(db, id);
  const user = link && (await readUserById(db, link.userId));
  return user && linkMaySignIn(user) ? toUserPrincipal(user) : null;
}
