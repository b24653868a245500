// A SQLite database file handled whole, outside the app's connections (lib/db/sql.ts): SQLite's online backup, its
// integrity check and what the file holds. `tollgate backup` and `restore` decide what to do with the answers.
import Database from "better-sqlite3";

export interface SqliteFile {
  /** SQLite's integrity check: "ok", or the problems it found joined by "; ". Throws when the file is no database. */
  integrityCheck(): string;
  hasTable(name: string): boolean;
  countEvents(): number;
  /**
   * Copies the database to `target` with SQLite's online backup API while other connections keep writing. `step` is
   * told the progress after each step and answers how many pages to copy in the next one.
   */
  backupTo(target: string, step: (progress: { totalPages: number; remainingPages: number }) => number): Promise<void>;
  /** Switches to a rollback journal, folding a -wal file into the database, so the file stands alone. */
  useRollbackJournal(): void;
  close(): void;
}

/** Opens an existing SQLite file; throws when there is none or it is not a SQLite database. */
export function openSqliteFile(file: string, options: { timeoutMs?: number } = {}): SqliteFile {
  const db = new Database(file, { fileMustExist: true, ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }) });
  return {
    integrityCheck: () => (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; "),
    hasTable: (name) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined,
    countEvents: () => (db.prepare(`SELECT COUNT(*) AS n FROM "Event"`).get() as { n: number }).n,
    backupTo: async (target, step) => {
      await db.backup(target, { progress: step });
    },
    useRollbackJournal: () => {
      db.pragma("journal_mode = DELETE");
    },
    close: () => db.close(),
  };
}
