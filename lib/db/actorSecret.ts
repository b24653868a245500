// Where the actor-pseudonymization secret lives: outside the database, so no database backup can re-identify
// employees by hashing the directory. TOLLGATE_ACTOR_SECRET when set; otherwise a file readable by its owner only
// (mode 0600): TOLLGATE_ACTOR_SECRET_FILE, or by default beside the SQLite file. A Postgres installation names one of
// the two (its server holds no file of Tollgate's). The database keeps only a keyed fingerprint of the secret, which
// tells a wrong or missing secret from the right one and hashes no actor.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dialectOf, sqlitePath } from "./dialect";

type Env = Readonly<Record<string, string | undefined>>;

export type ActorSecretSource = { kind: "env" } | { kind: "file"; file: string };

/** TOLLGATE_ACTOR_SECRET, or the file; null for Postgres when neither variable is set. */
export function actorSecretSource(url: string, env: Env = process.env): ActorSecretSource | null {
  if (env.TOLLGATE_ACTOR_SECRET?.trim()) return { kind: "env" };
  const named = env.TOLLGATE_ACTOR_SECRET_FILE?.trim();
  if (named) return { kind: "file", file: path.resolve(named) };
  return dialectOf(url) === "sqlite" ? { kind: "file", file: `${path.resolve(sqlitePath(url))}.actor-secret` } : null;
}

/** Says where the secret goes, for messages: "TOLLGATE_ACTOR_SECRET" or the file. */
export const describeSource = (source: ActorSecretSource) => (source.kind === "env" ? "TOLLGATE_ACTOR_SECRET" : source.file);

export class ActorSecretError extends Error {}

/** The secret at its source; null when the file does not exist yet. Refuses a file others may read. */
export function readActorSecret(source: ActorSecretSource, env: Env = process.env): string | null {
  if (source.kind === "env") return env.TOLLGATE_ACTOR_SECRET!.trim();
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source.file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  // Mode bits mean nothing on Windows; everywhere else, group or others reading it is a leak waiting to happen.
  if (process.platform !== "win32" && (stat.mode & 0o077) !== 0) {
    throw new ActorSecretError(`The actor secret file ${source.file} may be read by others (mode ${(stat.mode & 0o777).toString(8)}); run: chmod 600 ${source.file}`);
  }
  const secret = fs.readFileSync(source.file, "utf8").trim();
  if (!secret) throw new ActorSecretError(`The actor secret file ${source.file} is empty.`);
  return secret;
}

/**
 * Writes the secret to a new owner-only file, durably, and returns the secret the file holds: when another process
 * starting at the same moment wrote it first, that one (the file decides; the fingerprint is made from it).
 */
export function writeActorSecretFile(file: string, secret: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let fd: number;
  try {
    fd = fs.openSync(file, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const written = readActorSecret({ kind: "file", file });
    if (written !== null) return written;
    throw error;
  }
  try {
    fs.writeFileSync(fd, `${secret}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    const dir = fs.openSync(path.dirname(file), "r");
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  } catch {
    // not every platform can fsync a directory
  }
  return secret;
}

export const newActorSecret = () => crypto.randomBytes(32).toString("base64url");

/** What the database keeps to recognise the secret: a keyed hash of a fixed text, which hashes no actor. */
export const actorSecretFingerprint = (secret: string) => crypto.createHmac("sha256", secret).update("tollgate actor secret fingerprint v1").digest("hex");
