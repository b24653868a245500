// Installation settings fixed at setup: the actor pseudonymization secret and the timezone rollups were built in;
// and the one list of every setting key.
import crypto from "node:crypto";
import type { Database } from "./database";

export interface InstallationSettings {
  timezone: string;
  actorSecret: string;
}

/** Every key of the Setting table: the installation's, and the retention job's state. */
export const SETTING_KEYS = {
  timezone: "timezone",
  actorSecret: "actorSecret",
  retentionDays: "retention.days",
  retentionLastRunAt: "retention.lastRunAt",
  retentionWatermark: "retention.watermark",
} as const;

/**
 * First start: stores the configured timezone and the actor secret (TOLLGATE_ACTOR_SECRET, or a generated one).
 * Later starts: refuses a timezone that differs from the stored one, because every rollup is keyed by local day.
 */
export async function setupInstallation(
  db: Database,
  options: { timezone: string; actorSecret?: string },
): Promise<InstallationSettings> {
  const secret = options.actorSecret?.trim() || crypto.randomBytes(32).toString("base64url");
  await db.sql.execute(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING`, [SETTING_KEYS.timezone, options.timezone]);
  await db.sql.execute(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING`, [SETTING_KEYS.actorSecret, secret]);
  const settings = await readSettings(db);
  if (settings.timezone !== options.timezone) {
    throw new TimezoneChangedError(settings.timezone, options.timezone);
  }
  if (options.actorSecret?.trim() && settings.actorSecret !== options.actorSecret.trim()) {
    throw new Error(
      "TOLLGATE_ACTOR_SECRET differs from the secret this database was set up with; actors would no longer match. Unset it or restore the original.",
    );
  }
  return settings;
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

export async function readSettings(db: Database): Promise<InstallationSettings> {
  const rows = await db.prisma.setting.findMany();
  const byKey = new Map(rows.map((row) => [row.key, row.value]));
  const timezone = byKey.get(SETTING_KEYS.timezone);
  const actorSecret = byKey.get(SETTING_KEYS.actorSecret);
  if (!timezone || !actorSecret) throw new Error("Tollgate is not set up yet: run `npm start` or `npx tollgate migrate` first.");
  return { timezone, actorSecret };
}

const cache = new WeakMap<Database, Promise<InstallationSettings>>();

/** Settings never change while the app runs (a timezone change needs a rebuild and a restart), so read them once. */
export function installationSettings(db: Database): Promise<InstallationSettings> {
  let settings = cache.get(db);
  if (!settings) {
    settings = readSettings(db);
    settings.catch(() => cache.delete(db));
    cache.set(db, settings);
  }
  return settings;
}
