-- SQLite only: the duration sketches (daily, weekly, and the manual baseline) become WITHOUT ROWID tables, stored in
-- their primary key's order. A rowid table kept the key in an index beside the rows, so a read of a window found
-- each row through the index and then fetched its "count" from the table: at 1M demo events those fetches were
-- most of the portfolio's sketch read. Clustered on the key, the read is one range of the table, and each write
-- updates one b-tree, not two. Postgres keeps its heap tables (the file beside this one only keeps both dialects'
-- migrations alike). Each table is rebuilt under its own name, with the same columns and key.

CREATE TABLE "new_DurationRollup" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("workflow", "cohort", "day", "agentVersion", "mode", "bucket")
) WITHOUT ROWID;
INSERT INTO "new_DurationRollup" ("workflow", "cohort", "agentVersion", "day", "mode", "bucket", "count")
    SELECT "workflow", "cohort", "agentVersion", "day", "mode", "bucket", "count" FROM "DurationRollup";
DROP TABLE "DurationRollup";
ALTER TABLE "new_DurationRollup" RENAME TO "DurationRollup";

CREATE TABLE "new_DurationWeek" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("workflow", "cohort", "week", "agentVersion", "mode", "bucket")
) WITHOUT ROWID;
INSERT INTO "new_DurationWeek" ("workflow", "cohort", "agentVersion", "week", "mode", "bucket", "count")
    SELECT "workflow", "cohort", "agentVersion", "week", "mode", "bucket", "count" FROM "DurationWeek";
DROP TABLE "DurationWeek";
ALTER TABLE "new_DurationWeek" RENAME TO "DurationWeek";

CREATE TABLE "new_ManualBaseline" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("workflow", "cohort", "bucket")
) WITHOUT ROWID;
INSERT INTO "new_ManualBaseline" ("workflow", "cohort", "bucket", "count")
    SELECT "workflow", "cohort", "bucket", "count" FROM "ManualBaseline";
DROP TABLE "ManualBaseline";
ALTER TABLE "new_ManualBaseline" RENAME TO "ManualBaseline";
