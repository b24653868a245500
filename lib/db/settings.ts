// Installation settings fixed at setup: the timezone rollups were built in (in the database) and the actor
// pseudonymization secret (outside it: lib/db/actorSecret.ts; the database keeps only its fingerprint); and the one
// list of every setting key.
import type { Database } from "./database";
import {
  ActorSecretError,
  actorSecretFingerprint,
  actorSecretSource,
  describeSource,
  newActorSecret,
  readActorSecret,
  writeActorSecretFile,
  type ActorSecretSource,
} from "./actorSecret";
import { moveOutLegacyActorSecret } from "./queries/moveOutLegacyActorSecret";
import { ensureRollupsGeneration } from "./rollupsGeneration";

export interface InstallationSettings {
  timezone: string;
  actorSecret: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Every key of the Setting table: the installation's and the retention settings. */
export const SETTING_KEYS = {
  timezone: "timezone",
  /** Where releases before the secret moved out kept it; moved out at the first setup after the upgrade. */
  legacyActorSecret: "actorSecret",
  actorSecretFingerprint: "actorSecretFingerprint",
  retentionDays: "retention.days",
  retentionWatermark: "retention.watermark",
  /** program.json `reviewContentDays`: days an output's content is kept for review (lib/review/purge.ts). */
  reviewContentDays: "review.contentDays",
  /** Changes whenever rollup rows may have been removed (lib/db/rollupsGeneration.ts). */
  rollupsGeneration: "rollups.generation",
} as const;

async function readSetting(db: Database, key: string): Promise<string | null> {
  return (await db.prisma.setting.findUnique({ where: { key } }))?.value ?? null;
}

/**
 * First start: stores the configured timezone and puts a new actor secret at its source (a generated one in the
 * owner-only file, unless TOLLGATE_ACTOR_SECRET is set), keeping its fingerprint in the database. An installation
 * whose secret is still in the database (an older release) has it moved out, unchanged, so no pseudonym changes.
 * Later starts: refuse a timezone that differs from the stored one (every rollup is keyed by local day), and a
 * secret that is missing or not this database's (actors would no longer match their history).
 */
export async function setupInstallation(db: Database, options: { timezone: string; actorSecret?: string; env?: Env }): Promise<InstallationSettings> {
  const env: Env = options.actorSecret?.trim() ? { ...(options.env ?? process.env), TOLLGATE_ACTOR_SECRET: options.actorSecret } : (options.env ?? process.env);
  await db.sql.execute(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING`, [SETTING_KEYS.timezone, options.timezone]);
  const timezone = await readTimezone(db);
  if (timezone !== options.timezone) throw new TimezoneChangedError(timezone, options.timezone);
  await ensureRollupsGeneration(db.sql);

  const source = actorSecretSource(db.url, env);
  if (!source) {
    throw new ActorSecretError(
      "On Postgres the actor secret must be kept outside the database: set TOLLGATE_ACTOR_SECRET_FILE to a file path (created, owner-only, on the first start) or TOLLGATE_ACTOR_SECRET.",
    );
  }
  const legacy = await readSetting(db, SETTING_KEYS.legacyActorSecret);
  const existing = readActorSecret(source, env);
  if (legacy !== null && existing !== null && existing !== legacy) {
    throw new ActorSecretError(
      `${describeSource(source)} differs from the actor secret this database was set up with; actors would no longer match. Unset it or restore the original.`,
    );
  }
  const found = existing ?? legacy ?? ((await readSetting(db, SETTING_KEYS.actorSecretFingerprint)) === null ? newActorSecret() : null);
  if (found === null) throw missingSecret(source);
  const secret = source.kind === "file" && existing === null ? writeActorSecretFile(source.file, found) : found;
  const fingerprint = actorSecretFingerprint(secret);
  // The secret is safe at its source before the database lets go of it (a crash in between leaves both, equal).
  if (legacy !== null) await moveOutLegacyActorSecret(db.sql, SETTING_KEYS.legacyActorSecret, SETTING_KEYS.actorSecretFingerprint, fingerprint);
  else await db.sql.execute(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING`, [SETTING_KEYS.actorSecretFingerprint, fingerprint]);
  const settings = { timezone, actorSecret: await checkedActorSecret(db, source, env) };
  settingsOnce.set(db, settings);
  return settings;
}

const missingSecret = (source: ActorSecretSource) =>
  new ActorSecretError(
    `This database's actors were pseudonymized with a secret that is kept outside the database, and it is not in ${describeSource(source)}. ` +
      "Put the original there (a file: owner-only, chmod 600), or set TOLLGATE_ACTOR_SECRET or TOLLGATE_ACTOR_SECRET_FILE. " +
      "A new secret would split every actor's history in two, so Tollgate does not make one.",
  );

/** The secret at its source, checked against this database's fingerprint. */
async function checkedActorSecret(db: Database, source: ActorSecretSource, env: Env): Promise<string> {
  const secret = readActorSecret(source, env);
  if (secret === null) throw missingSecret(source);
  const fingerprint = await readSetting(db, SETTING_KEYS.actorSecretFingerprint);
  if (fingerprint === null) throw new Error("Tollgate is not set up yet: run `npm start` or `npx tollgate migrate` first.");
  if (fingerprint !== actorSecretFingerprint(secret)) {
    throw new ActorSecretError(`The actor secret in ${describeSource(source)} is not the one this database was set up with; actors would no longer match. Restore the original.`);
  }
  return secret;
}

export interface ActorSecretCheck {
  status: "matches" | "missing" | "mismatch" | "in-database";
  /** What to tell the person who restored the database. */
  advice: string;
}

/** Whether the actor secret on this machine is the one a (restored) database was set up with, and what to do if not. */
export async function checkActorSecret(db: Database, env: Env = process.env): Promise<ActorSecretCheck> {
  const source = actorSecretSource(db.url, env);
  const where = source ? describeSource(source) : "the file named by TOLLGATE_ACTOR_SECRET_FILE (or TOLLGATE_ACTOR_SECRET)";
  const supply =
    `Supply the installation's original actor secret before starting Tollgate: put it in ${where}` +
    `${source?.kind === "env" ? "" : " (one line, owner-only: chmod 600)"}, or set TOLLGATE_ACTOR_SECRET. Backups never hold it; ` +
    "Tollgate will not start without it, since a new secret would split every actor's history in two.";
  if ((await readSetting(db, SETTING_KEYS.legacyActorSecret)) !== null) {
    return { status: "in-database", advice: `This backup is from a release that kept the actor secret in the database; the next start moves it to ${where}.` };
  }
  const secret = source ? readActorSecret(source, env) : null;
  if (secret === null) return { status: "missing", advice: `The actor secret is not in ${where}. ${supply}` };
  if ((await readSetting(db, SETTING_KEYS.actorSecretFingerprint)) !== actorSecretFingerprint(secret)) {
    return { status: "mismatch", advice: `The actor secret in ${where} is not the one this backup was made with. ${supply}` };
  }
  return { status: "matches", advice: `The actor secret in ${where} matches this backup.` };
}

export class TimezoneChangedError extends Error {
  constructor(
    readonly stored: string,
    readonly configured: string,
  ) {
    super(
      `This database's rollups were built in ${stored}, but TOLLGATE_TIMEZONE is ${configured}. ` +
        `Run \`npx tollgate rollups rebuild\` to rebuild them in ${configured}, or set TOLLGATE_TIMEZONE=${stored}.`,
    );
  }
}

/** The timezone the rollups are keyed in. */
export async function readTimezone(db: Database): Promise<string> {
  const timezone = await readSetting(db, SETTING_KEYS.timezone);
  if (!timezone) throw new Error("Tollgate is not set up yet: run `npm start` or `npx tollgate migrate` first.");
  return timezone;
}

/** The timezone, and the actor secret from its source outside the database (checked against the fingerprint). */
export async function readSettings(db: Database, env: Env = process.env): Promise<InstallationSettings> {
  const timezone = await readTimezone(db);
  const source = actorSecretSource(db.url, env);
  if (!source) throw missingSecret({ kind: "env" });
  return { timezone, actorSecret: await checkedActorSecret(db, source, env) };
}

/** A read done once per database handle and kept; a failed read is tried again the next time it is asked for. */
function oncePerDatabase<T>(read: (db: Database) => Promise<T>) {
  const cache = new WeakMap<Database, Promise<T>>();
  return {
    get(db: Database): Promise<T> {
      let value = cache.get(db);
      if (!value) {
        value = read(db);
        value.catch(() => cache.delete(db));
        cache.set(db, value);
      }
      return value;
    },
    set(db: Database, value: T): void {
      cache.set(db, Promise.resolve(value));
    },
  };
}

// Settings never change while the app runs (a timezone change needs a rebuild and a restart), so they are read once.
// Beside other instances the same holds: `tollgate rollups rebuild` changes the timezone with every server stopped,
// and each instance refuses to start on a timezone or actor secret that is not the database's (setupInstallation).
const settingsOnce = oncePerDatabase((db) => readSettings(db));
const timezoneOnce = oncePerDatabase(readTimezone);

export function installationSettings(db: Database): Promise<InstallationSettings> {
  return settingsOnce.get(db);
}

/**
 * The installation timezone alone. Readers of figures (reports, exports, the audit trail) need it and not the actor
 * secret, so a process that only reads (a cron export, the drills' checks) runs without the secret.
 */
export function installationTimezone(db: Database): Promise<string> {
  return timezoneOnce.get(db);
}
