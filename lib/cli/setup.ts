// What every command that touches the database does first: open it, apply pending migrations, check the setup.
import { openDatabase, type Database } from "@/lib/db/database";
import { databaseUrl } from "@/lib/db/dialect";
import { migrate } from "@/lib/db/migrate";
import { setupInstallation, TimezoneChangedError } from "@/lib/db/settings";
import { configuredTimezone } from "@/lib/time";

export interface Prepared {
  db: Database;
  applied: string[];
}

export async function openPreparedDatabase(
  options: { log?: (line: string) => void; /** for the rebuild that changes the timezone */ allowTimezoneChange?: boolean } = {},
): Promise<Prepared> {
  const db = openDatabase(databaseUrl());
  try {
    const applied = await migrate(db.sql);
    for (const name of applied) options.log?.(`Applied migration ${name}`);
    try {
      await setupInstallation(db, { timezone: configuredTimezone() });
    } catch (error) {
      if (!(options.allowTimezoneChange && error instanceof TimezoneChangedError)) throw error;
    }
    return { db, applied };
  } catch (error) {
    await db.close();
    throw error;
  }
}
