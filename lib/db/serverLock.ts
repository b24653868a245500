// SQLite stays one server process: a second server on a database file a running server holds would fight it over
// SQLite's write lock and over the background jobs. The server holds an exclusive SQLite lock on a small file beside
// the database for as long as it runs. The operating system drops the lock when the process ends, however it ends, so
// a crashed server never blocks the next start, and a process id reused by another program cannot either. The
// `tollgate` CLI never takes it: it works beside a running server. Postgres needs no lock (instances share the
// database; what must hold across them lives in it).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { UserFacingError } from "@/lib/errors";
import { dialectOf, sqlitePath } from "./dialect";

export class ServerRunningError extends UserFacingError {
  override readonly status = 409;
  constructor(readonly file: string) {
    super(
      `Another Tollgate server is running on the SQLite database ${file}: SQLite serves one server process at a time. ` +
        "Stop that server first, or use Postgres (DATABASE_URL=postgresql://…) to run several instances. " +
        "The tollgate CLI (import, export, retention, users …) works beside the running server.",
    );
  }
}

export interface ServerLock {
  release(): void;
}

/** The lock file of a SQLite database; null for Postgres. */
export function serverLockFile(url: string): string | null {
  return dialectOf(url) === "sqlite" ? `${sqlitePath(url)}.server-lock` : null;
}

/** Takes the server lock of the database at `url` at once, or throws ServerRunningError. No-op on Postgres. */
export function takeServerLock(url: string): ServerLock {
  const file = serverLockFile(url);
  if (!file) return { release: () => undefined };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lock = new Database(file, { timeout: 0 });
  try {
    // An exclusive transaction left open: held until released or until the process ends.
    lock.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") throw new ServerRunningError(sqlitePath(url));
    throw error;
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      lock.exec("ROLLBACK");
      lock.close();
    },
  };
}
