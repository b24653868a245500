// `tollgate backup` and `tollgate restore`. SQLite: SQLite's online backup API copies a consistent snapshot while
// the app keeps running and writing; the copy is verified and then moved into place, so a half-written file never
// carries the backup's name. Restore verifies the file is a Tollgate database and swaps it in atomically.
// Postgres: pg_dump (custom format) and pg_restore, when they are installed; otherwise the commands say how.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { dialectOf, sqlitePath } from "@/lib/db/dialect";
import { openSqlDriver, type Row } from "@/lib/db/sql";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/database";
import { checkActorSecret, type ActorSecretCheck } from "@/lib/db/settings";
import { openSqliteFile, type SqliteFile } from "@/lib/db/sqliteFile";
import { countPostgresTables } from "@/lib/db/queries/countPostgresTables";
import { readAuditRecords } from "@/lib/db/queries/readAuditRecords";
import { readLastAuditSeq } from "@/lib/db/queries/readLastAuditSeq";
import { appendAuditSql, cliActor } from "@/lib/audit/audit";
import { renewRollupsGeneration } from "@/lib/db/rollupsGeneration";
import { UserFacingError } from "@/lib/errors";
import type { Progress } from "./progress";

export class BackupError extends UserFacingError {}

export interface BackupResult {
  file: string;
  bytes: number;
  /** Events in the backup (SQLite; null for a pg_dump archive). */
  events: number | null;
  method: "sqlite-online-backup" | "pg_dump";
  /** SQLite: how often a write by another connection made the backup start over. */
  restarts: number;
}

export interface RestoreResult {
  target: string;
  bytes: number;
  events: number | null;
  method: "sqlite-file-swap" | "pg_restore";
  /** Audit records of the replaced database newer than the backup's, and the file they were saved to first. */
  auditDiscarded: number;
  auditSavedTo: string | null;
  /** Whether this machine holds the actor secret the backup was made with (backups never hold it), and what to do. */
  actorSecret: ActorSecretCheck;
}

interface CommonOptions {
  /** DATABASE_URL of the database backed up or restored into. */
  url: string;
  force?: boolean;
  /** Progress of a SQLite backup, in pages; made once the page count is known. */
  progress?: (totalPages: number) => Progress;
  log?: (line: string) => void;
}

/** Pages copied per step of the online backup: a step holds a read snapshot only while it copies. */
const PAGES_PER_STEP = 2048;
/** A write by another connection between steps restarts the backup; after this many, the rest goes in one step. */
const RESTARTS_BEFORE_ONE_STEP = 3;

export const PG_GUIDANCE = `Postgres databases are backed up with PostgreSQL's own tools, pg_dump and pg_restore (package postgresql-client):
  pg_dump --format=custom --no-owner --file=tollgate.dump "$DATABASE_URL"
  createdb tollgate_restored
  pg_restore --no-owner --single-transaction --exit-on-error --dbname="postgresql://…/tollgate_restored" tollgate.dump
pg_dump reads one consistent snapshot, so it is safe while Tollgate runs. Use a pg_dump at least as new as the server.`;

const tempName = (file: string, label: string) => path.join(path.dirname(file), `.${path.basename(file)}.${label}-${process.pid}-${crypto.randomBytes(4).toString("hex")}`);

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // not every platform can fsync a directory; the rename itself is still atomic
  }
}

function refuseExisting(file: string, force: boolean | undefined, what: string): void {
  if (fs.existsSync(file) && !force) throw new BackupError(`${file} already exists; pass --force to replace ${what}.`);
}

/**
 * Checks that a SQLite file is an intact Tollgate database: integrity_check passes and Tollgate's tables exist.
 * Returns its event count. Opens the file read-write (SQLite may need to, to read it), so pass a copy.
 */
export function verifySqliteDatabase(file: string): { events: number } {
  let db: SqliteFile;
  try {
    db = openSqliteFile(file);
  } catch (error) {
    throw new BackupError(`${file} is not a SQLite database: ${(error as Error).message}`);
  }
  try {
    let problems: string;
    try {
      problems = db.integrityCheck();
    } catch (error) {
      throw new BackupError(`${file} is not a SQLite database: ${(error as Error).message}`);
    }
    if (problems !== "ok") throw new BackupError(`${file} fails SQLite's integrity check: ${problems.slice(0, 500)}`);
    if (!db.hasTable("_prisma_migrations") || !db.hasTable("Event")) {
      throw new BackupError(`${file} is a SQLite database but not a Tollgate one (no _prisma_migrations or Event table).`);
    }
    return { events: db.countEvents() };
  } finally {
    db.close();
  }
}

async function backupSqlite(options: CommonOptions & { out: string }): Promise<BackupResult> {
  const source = path.resolve(sqlitePath(options.url));
  const out = path.resolve(options.out);
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source} (DATABASE_URL=${options.url}).`);
  if ([source, `${source}-wal`, `${source}-shm`].includes(out)) throw new BackupError("--out must not be the database itself.");
  refuseExisting(out, options.force, "it");
  if (!fs.existsSync(path.dirname(out))) throw new BackupError(`The folder ${path.dirname(out)} does not exist.`);

  const db = openSqliteFile(source, { timeoutMs: 15_000 });
  const temp = tempName(out, "partial");
  let restarts = 0;
  try {
    if (!db.hasTable("_prisma_migrations")) throw new BackupError(`${source} is not a Tollgate database (no _prisma_migrations table).`);
    let bar: Progress | undefined;
    let copiedBefore = 0;
    await db.backupTo(temp, ({ totalPages, remainingPages }) => {
      const copied = totalPages - remainingPages;
      if (copied < copiedBefore) restarts++;
      copiedBefore = copied;
      bar ??= options.progress?.(totalPages);
      bar?.update(copied, `${copied}/${totalPages} pages${restarts ? `, restarted ${restarts}×` : ""}`);
      // Writers keep going during the backup; when they keep restarting it, copy the rest in one step, which
      // holds a read snapshot (never blocking writers in WAL mode) until it is done.
      return restarts >= RESTARTS_BEFORE_ONE_STEP ? 0x7fffffff : PAGES_PER_STEP;
    });
    bar?.finish();
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  } finally {
    db.close();
  }
  try {
    // One self-contained file: no -wal beside it to lose when it is copied.
    const copy = openSqliteFile(temp);
    copy.useRollbackJournal();
    copy.close();
    const { events } = verifySqliteDatabase(temp);
    fsyncFile(temp);
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(out + suffix, { force: true });
    fs.renameSync(temp, out);
    fsyncDir(path.dirname(out));
    return { file: out, bytes: fs.statSync(out).size, events, method: "sqlite-online-backup", restarts };
  } catch (error) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(temp + suffix, { force: true });
    throw error;
  }
}

/** Whether a program is on the PATH (`NAME --version` runs). */
export function installed(program: string): boolean {
  return spawnSync(program, ["--version"], { stdio: "ignore" }).status === 0;
}

/** libpq arguments for a URL: the URL without its password (which ps would show) and the password in PGPASSWORD. */
function libpq(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(program: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(program, args, { env, stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
  if (result.status !== 0) {
    throw new BackupError(`${program} failed (${result.signal ?? `exit ${result.status}`}):\n${(result.stderr ?? "").trim().slice(0, 2000)}`);
  }
}

function backupPostgres(options: CommonOptions & { out: string }): BackupResult {
  if (!installed("pg_dump")) throw new BackupError(`pg_dump is not installed.\n${PG_GUIDANCE}`);
  const out = path.resolve(options.out);
  refuseExisting(out, options.force, "it");
  const temp = tempName(out, "partial");
  const { dbname, env } = libpq(options.url);
  options.log?.("Running pg_dump (one consistent snapshot; Tollgate may keep running)…");
  try {
    run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${temp}`, `--dbname=${dbname}`], env);
    const listing = spawnSync("pg_restore", ["--list", temp], { encoding: "utf8" });
    if (listing.status === 0 && !/TABLE public _prisma_migrations/.test(listing.stdout)) {
      throw new BackupError(`The database at ${dbname} is not a Tollgate database (no _prisma_migrations table).`);
    }
    fsyncFile(temp);
    fs.renameSync(temp, out);
    fsyncDir(path.dirname(out));
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return { file: out, bytes: fs.statSync(out).size, events: null, method: "pg_dump", restarts: 0 };
}

export async function backupDatabase(options: CommonOptions & { out: string }): Promise<BackupResult> {
  return dialectOf(options.url) === "sqlite" ? backupSqlite(options) : backupPostgres(options);
}

/** Processes other than this one that have a file open (Linux: /proc/PID/fd); empty where /proc is not readable. */
export function processesHolding(file: string): number[] {
  const wanted = new Set([file, `${file}-wal`, `${file}-shm`]);
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return [];
  }
  return pids
    .filter((pid) => {
      try {
        return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
          try {
            return wanted.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
          } catch {
            return false;
          }
        });
      } catch {
        return false;
      }
    })
    .map(Number);
}

type Restored = Omit<RestoreResult, "auditDiscarded" | "auditSavedTo" | "actorSecret">;

function restoreSqlite(options: CommonOptions & { from: string }): Restored {
  const from = path.resolve(options.from);
  const target = path.resolve(sqlitePath(options.url));
  if (!fs.existsSync(from)) throw new BackupError(`${from}: no such file.`);
  if (from === target) throw new BackupError("--from is the database itself.");
  refuseExisting(target, options.force, `the database (stop Tollgate first)`);
  const holders = processesHolding(target);
  if (holders.length > 0) throw new BackupError(`${target} is open in process ${holders.join(", ")}: stop Tollgate before restoring.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });

  // Verify a copy beside the target (never the backup itself), then swap it in with a rename.
  const temp = tempName(target, "restore");
  try {
    fs.copyFileSync(from, temp);
    const { events } = verifySqliteDatabase(temp);
    fsyncFile(temp);
    // The old database's WAL must not be replayed into the restored file.
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(temp, target);
    fsyncDir(path.dirname(target));
    return { target, bytes: fs.statSync(target).size, events, method: "sqlite-file-swap" as const };
  } catch (error) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(temp + suffix, { force: true });
    throw error;
  }
}

async function restorePostgres(options: CommonOptions & { from: string }): Promise<Restored> {
  if (!installed("pg_restore")) throw new BackupError(`pg_restore is not installed.\n${PG_GUIDANCE}`);
  const from = path.resolve(options.from);
  if (!fs.existsSync(from)) throw new BackupError(`${from}: no such file.`);
  const listing = spawnSync("pg_restore", ["--list", from], { encoding: "utf8" });
  if (listing.status !== 0 || !/TABLE public _prisma_migrations/.test(listing.stdout) || !/TABLE public Event /.test(listing.stdout)) {
    throw new BackupError(`${from} is not a pg_dump archive of a Tollgate database (pg_restore --list finds no Tollgate tables).`);
  }
  const target = openSqlDriver(options.url);
  let tables: number;
  try {
    tables = await countPostgresTables(target);
  } finally {
    await target.close();
  }
  if (tables > 0 && !options.force) {
    throw new BackupError(`The target database already holds ${tables} tables; restore into an empty database (createdb), or pass --force to replace Tollgate's tables (stop Tollgate first).`);
  }
  const { dbname, env } = libpq(options.url);
  options.log?.("Running pg_restore in one transaction…");
  run("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", ...(tables > 0 ? ["--clean", "--if-exists"] : []), `--dbname=${dbname}`, from], env);
  return { target: dbname, bytes: fs.statSync(from).size, events: null, method: "pg_restore" as const };
}

/** The audit trail of the database about to be replaced; none when there is no database or no trail yet. */
async function auditTrailOf(url: string): Promise<Row[]> {
  if (dialectOf(url) === "sqlite" && !fs.existsSync(sqlitePath(url))) return [];
  const sql = openSqlDriver(url);
  try {
    return await readAuditRecords(sql);
  } catch {
    return [];
  } finally {
    await sql.close();
  }
}

/**
 * Restores a backup. The audit trail is append-only, and a restore would silently drop every record made since the
 * backup: those are saved to a file beside the backup first, and the restored database records the restore itself
 * (database.restore: from which file, by whom, how many records were set aside and where). Backups never hold the
 * actor secret, so the result says whether this machine has the one the backup was made with, and how to supply it.
 */
export async function restoreDatabase(options: CommonOptions & { from: string }): Promise<RestoreResult> {
  const before = await auditTrailOf(options.url);
  const restored = dialectOf(options.url) === "sqlite" ? restoreSqlite(options) : await restorePostgres(options);
  const sql = openSqlDriver(options.url);
  let discarded: Row[];
  let savedTo: string | null = null;
  try {
    await migrate(sql);
    const kept = await readLastAuditSeq(sql);
    discarded = before.filter((record) => Number(record.seq) > kept);
    if (discarded.length > 0) {
      savedTo = path.join(path.dirname(path.resolve(options.from)), `tollgate-audit-before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}.ndjson`);
      const json = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? Number(v) : v));
      fs.writeFileSync(savedTo, discarded.map((record) => json(record)).join("\n") + "\n", { flag: "wx" });
      options.log?.(`Saved ${discarded.length} audit records newer than the backup to ${savedTo}.`);
    }
    await sql.transaction(async (tx) => {
      // The backup's rollups are older than the ones replaced: what a process knew to exist may be gone.
      await renewRollupsGeneration(tx);
      await appendAuditSql(tx, cliActor(), { action: "database.restore", target: path.basename(options.from), after: { from: path.resolve(options.from), method: restored.method, auditDiscarded: discarded.length, auditSavedTo: savedTo } });
    });
  } finally {
    await sql.close();
  }
  const db = openDatabase(options.url);
  try {
    return { ...restored, auditDiscarded: discarded.length, auditSavedTo: savedTo, actorSecret: await checkActorSecret(db) };
  } finally {
    await db.close();
  }
}
