-- Postgres only: its TaskDay triggers now run once per statement. SQLite has no statement triggers, and its row
-- triggers run in-process at little cost, so they stay as they are. This file keeps both dialects' migrations alike.
SELECT 1;
