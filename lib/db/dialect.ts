// The only place that reads DATABASE_URL and decides which of the two dialects Tollgate runs on.
export type Dialect = "sqlite" | "postgres";

export const DEFAULT_DATABASE_URL = "file:./data/tollgate.db";

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export function dialectOf(url: string): Dialect {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (Postgres); got "${url.split(":")[0]}:…"`,
  );
}

/** Filesystem path of a SQLite URL ("file:./data/x.db" → "./data/x.db"). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}
