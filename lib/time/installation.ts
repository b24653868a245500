// The installation's timezone, as stored at setup (lib/db/settings.ts): the zone every local day, week and timestamp
// on a page is shown in. Apart from index.ts so that the pure modules importing lib/time never load the database.
// Read alone, not with the actor secret, so a process that only reads figures (a cron export) runs without the secret.
export { installationTimezone } from "@/lib/db/settings";
