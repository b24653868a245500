// Planner statistics before the reads are timed. This machine's Postgres runs with autovacuum off (its CI
// configuration, /etc/postgresql/*/main/conf.d); on a default server autovacuum analyzes a table once a tenth of it
// has changed, so freshly loaded tables get statistics within a minute or so. Without them the planner guesses
// (sort-based grouping, for one), and the read latencies would describe no real deployment. SQLite plans without
// collected statistics in production too, so it is left as the app leaves it.
import type { Database } from "@/lib/db/database";

export async function analyzeLikeAutovacuum(db: Database): Promise<void> {
  if (db.sql.dialect === "postgres") await db.sql.script("ANALYZE");
}
