-- SQLite only: its duration sketch tables become WITHOUT ROWID (clustered on their primary key). Postgres keeps its
-- heap tables. This file keeps both dialects' migrations alike.
SELECT 1;
