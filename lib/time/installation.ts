// The installation's timezone, as stored at setup (lib/db/settings.ts): the zone every local day, week and timestamp
// on a page is shown in. Apart from index.ts so that the pure modules importing lib/time never load the database.
import type { Database } from "@/lib/db/database";
import { installationSettings } from "@/lib/db/settings";

export async function installationTimezone(db: Database): Promise<string> {
  return (await installationSettings(db)).timezone;
}
