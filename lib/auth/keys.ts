// API keys for machines: agents ingest, dashboards and exports read, IT applies the program. Only a SHA-256 of
// each secret is stored; the secret is shown once, at creation.
import { InvalidParameterError, UserFacingError } from "@/lib/errors";
import crypto from "node:crypto";
import { z } from "zod";
import type { Database } from "@/lib/db/database";
import { inTransaction } from "@/lib/db/transaction";
import { insertApiKey, listApiKeyRows, readApiKeyByName, readApiKeyBySecretHash, revokeApiKeyRow, touchApiKey } from "@/lib/db/queries/apiKeyRows";
import { listUnknownWorkflows } from "@/lib/db/queries/listUnknownWorkflows";
import type { Scope } from "@/lib/contract/vocabulary";
import { slug } from "@/lib/contract/common";
import { keyName, scopeList } from "@/lib/contract/accounts";
import type { apiKeySummary } from "@/lib/contract/responses/admin";
import { appendAudit, recordRefusal, type Actor } from "@/lib/audit/audit";
import type { KeyPrincipal } from "./authorize";

/** A key as the API and the keys page show it (never its secret): the shape lib/contract/responses/admin.ts documents. */
export type ApiKeySummary = z.output<typeof apiKeySummary>;

const SECRET_PREFIX = "tg_";

function hashSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret, "utf8").digest("hex");
}

export class KeyError extends UserFacingError {}

export async function createApiKey(
  db: Database,
  input: { name: string; scopes: string[]; workflows?: string[] | null },
  actor: Actor,
): Promise<{ secret: string; key: ApiKeySummary }> {
  const name = keyName.parse(input.name);
  const scopes = scopeList.parse([...new Set(input.scopes)]);
  const workflows = input.workflows?.length ? z.array(slug).parse([...new Set(input.workflows)]) : null;
  // The limit binds ingestion only; on a read or admin key it would look like a limit that is not there.
  if (workflows && !scopes.includes("ingest") && !scopes.includes("review")) {
    throw new InvalidParameterError("workflows", "workflows limit ingestion and review only: give the key the ingest or review scope, or leave workflows out");
  }
  if (workflows) {
    const missing = await listUnknownWorkflows(db, workflows);
    if (missing.length) throw new KeyError(`Unknown workflow(s): ${missing.join(", ")}`);
  }
  if (await readApiKeyByName(db, name)) throw new KeyError(`A key named "${name}" already exists.`);
  const secret = SECRET_PREFIX + crypto.randomBytes(24).toString("base64url");
  const key = await inTransaction(db, async (tx) => {
    const row = await insertApiKey(tx, {
      id: crypto.randomUUID(),
      name,
      prefix: secret.slice(0, SECRET_PREFIX.length + 6),
      secretHash: hashSecret(secret),
      scopes: scopes.join(","),
      workflows: workflows?.join(",") ?? null,
    });
    const created = summarize(row);
    await appendAudit(tx, actor, { action: "key.create", target: name, after: { prefix: created.prefix, scopes, workflows } });
    return created;
  });
  return { secret, key };
}

function summarize(row: {
  name: string;
  prefix: string;
  scopes: string;
  workflows: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}): ApiKeySummary {
  return {
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.split(",") as Scope[],
    workflows: row.workflows ? row.workflows.split(",") : null,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
  };
}

export async function listApiKeys(db: Database): Promise<ApiKeySummary[]> {
  return (await listApiKeyRows(db)).map(summarize);
}

export async function revokeApiKey(db: Database, name: string, actor: Actor, now = new Date()): Promise<void> {
  const revoked = await inTransaction(db, async (tx) => {
    const count = await revokeApiKeyRow(tx, name, now);
    if (count === 1) await appendAudit(tx, actor, { action: "key.revoke", target: name, after: { revokedAt: now.toISOString() } }, now);
    return count;
  });
  // Refused at once here; other instances re-read it within KEY_RECHECK_MS.
  const cache = keyCache(db);
  cache.revocations += 1;
  for (const [hash, { principal }] of cache.keys) if (principal.name === name) cache.keys.delete(hash);
  if (revoked === 0) {
    const exists = await readApiKeyByName(db, name);
    throw new KeyError(exists ? `Key "${name}" is already revoked.` : `No key named "${name}".`);
  }
}

/** lastUsedAt is written at most this often per key, so an agent's every batch does not also write its key. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * How long a key that was found valid is taken as valid without reading it again. Every ingestion batch carries its
 * key, and reading it is a Prisma query per request (1.5 ms of CPU measured in-process on the loaded bench machine,
 * a few percent of a 500-event batch), for a row that changes once in its life. A key revoked here is refused at
 * once (revokeApiKey drops it); a key revoked by another instance or by the CLI is refused by this one within these
 * seconds. That is acceptable: revocation is a person's response to a leak or a retired agent, minutes after the fact, and what the
 * key can do meanwhile is what it could do a moment before (a key's scopes and workflows never change: only
 * revocation does), with every batch it sends stored under its id. Unknown and revoked secrets are never cached,
 * so refusals are always read and recorded.
 */
export const KEY_RECHECK_MS = 5_000;
/** Bounds the cache however many keys are in use: valid keys only, and an installation has a few dozen. */
const MAX_CACHED_KEYS = 1_000;

interface KeyCache {
  keys: Map<string, { principal: KeyPrincipal; checkedAt: number }>;
  /** Revocations made through this process: a lookup that began before one does not cache what it read. */
  revocations: number;
}

// On globalThis, like the database handle itself: one cache per database even if the bundler loads this module twice
// (the revoking route and the ingesting route must see the same one).
const CACHES = Symbol.for("tollgate.validApiKeys");
const caches = ((globalThis as { [CACHES]?: WeakMap<Database, KeyCache> })[CACHES] ??= new WeakMap());

function keyCache(db: Database): KeyCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { keys: new Map(), revocations: 0 }));
  return cache;
}

/** Resolves a bearer secret to its key; null when unknown or revoked (see KEY_RECHECK_MS for how soon). */
export async function authenticateApiKey(db: Database, secret: string, now = new Date()): Promise<KeyPrincipal | null> {
  if (!secret.startsWith(SECRET_PREFIX) || secret.length > 200) return null;
  const secretHash = hashSecret(secret);
  const cache = keyCache(db);
  const cached = cache.keys.get(secretHash);
  const age = cached ? now.getTime() - cached.checkedAt : -1;
  if (cached && age >= 0 && age < KEY_RECHECK_MS) return cached.principal;
  cache.keys.delete(secretHash);
  const revocations = cache.revocations;
  const row = await readApiKeyBySecretHash(db, secretHash);
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) await touchApiKey(db, row.id, now, LAST_USED_RESOLUTION_MS);
  const principal: KeyPrincipal = {
    kind: "key",
    id: row.id,
    name: row.name,
    scopes: new Set(row.scopes.split(",") as Scope[]),
    workflows: row.workflows ? new Set(row.workflows.split(",")) : null,
  };
  // A revocation that committed while this lookup awaited may be of this very key: answer, but do not remember.
  if (cache.revocations !== revocations) return principal;
  if (cache.keys.size >= MAX_CACHED_KEYS) cache.keys.clear();
  cache.keys.set(secretHash, { principal, checkedAt: now.getTime() });
  return principal;
}

/**
 * Records a refused bearer secret as auth.key_refused: a revoked key still in use (named, so its owner can be found)
 * or an unknown one (by the prefix the keys page shows, never the secret). Counted per address and window
 * (recordRefusal), so retries cannot flood the trail. A bearer that is no Tollgate key at all (another service's
 * token sent here by mistake) leaves none of its characters: its first ones could be most of a short secret.
 */
export async function recordRefusedKey(db: Database, secret: string, source: string | null, now = new Date()): Promise<void> {
  const row = secret.length <= 200 ? await readApiKeyBySecretHash(db, hashSecret(secret)) : null;
  // Whatever a client sent, only characters a real secret has reach the trail.
  const prefix = secret.startsWith(SECRET_PREFIX) ? secret.slice(0, SECRET_PREFIX.length + 6).replace(/[^\w-]/g, "?") : "(not a Tollgate key)";
  const target = row ? row.name : `unknown ${prefix}`;
  await recordRefusal(db, source, { action: "auth.key_refused", target, after: { reason: row ? "revoked" : "unknown" } }, now);
}
