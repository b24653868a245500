// What every drill shares: the run (options, temp folder, program file), cleanup steps, the figures a drill reports,
// and deployments: a throwaway database behind a real `tollgate start` server, with an API key.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Dialect } from "@/lib/db/dialect";
import { openDatabase, type Database } from "@/lib/db/database";
import { createDatabase, type ThrowawayDatabase } from "@/lib/db/throwaway";
import { freePort, runTollgate, spawnServer, type ServerProcess } from "@/lib/testing/server";
import { signedInUser } from "@/lib/testing/sessions";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import type { Role } from "@/lib/contract/vocabulary";
import type { DrillName, DrillOptions } from "./options";
import { cleanupMark, onCleanup, unwindCleanups } from "@/lib/testing/harness";

export interface DrillRun {
  options: DrillOptions;
  runId: string;
  tempDir: string;
  timezone: string;
  /** Exclusive end of the demo period the drills' events fall in (the start of the current UTC week). */
  end: Date;
  /** The program every deployment applies: the demo program plus the drills' own workflows and cohorts. */
  programFile: string;
  /** Extra arguments of `tollgate start` (["--no-build"] once a current build exists). */
  startArgs: string[];
  /** The dialects this run drills, in order. */
  dialects: Dialect[];
}

export { cleanupMark, onCleanup, unwindCleanups };

export interface Check {
  name: string;
  passed: boolean;
  detail?: string;
}

/** A drill's figures (printed as a table, in order) and the checks that decide whether it passed. */
export class Figures {
  readonly rows: [string, string][] = [];
  readonly checks: Check[] = [];

  add(name: string, value: string | number): void {
    this.rows.push([name, typeof value === "number" ? formatNumber(value) : value]);
  }

  check(name: string, passed: boolean, detail?: string): boolean {
    this.checks.push({ name, passed, ...(detail ? { detail } : {}) });
    return passed;
  }
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toLocaleString("en-US", { maximumFractionDigits: 1 });
}

export interface DrillResult {
  drill: DrillName;
  dialect: Dialect;
  seconds: number;
  rows: [string, string][];
  checks: Check[];
  /** A drill that threw before it could check anything. */
  error: string | null;
  passed: boolean;
}

export type Drill = (run: DrillRun, dialect: Dialect, figures: Figures) => Promise<void>;

export const log = (line: string) => console.error(line);

/** A throwaway database behind a real server, with the drill program applied and an all-scopes API key. */
export interface Deployment {
  dialect: Dialect;
  database: ThrowawayDatabase;
  env: NodeJS.ProcessEnv;
  port: number;
  baseUrl: string;
  /** A key with the ingest, read and admin scopes. */
  apiKey: string;
  /** A key with the read scope only, as the dashboard's readers and reporting tools use. */
  readKey: string;
  /** The server now running; replaced by `start()` after a crash. */
  server: ServerProcess;
  /** The server's output lines, the most recent 5,000. */
  serverLog: string[];
  /** Lines of the server's output that report an unhandled error. */
  unhandledErrors(): string[];
  /** Starts the server again (after a crash); the old process tree must be gone. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A direct connection to the database (Prisma and the raw driver), closed by the deployment's cleanup. */
  open(): Database;
  /** Runs `tollgate ARGS` against this deployment's database. */
  tollgate(args: string[]): Promise<string>;
}

export async function deploy(run: DrillRun, dialect: Dialect, name: string, options: { port?: number; env?: Record<string, string> } = {}): Promise<Deployment> {
  const database = await createDatabase(dialect, `tollgate_drill_${run.runId}_${name}`, {
    tempDir: run.tempDir,
    postgresAdminUrl: run.options.postgresAdminUrl,
  });
  onCleanup(() => database.drop());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Every socket the server listens on binds to 127.0.0.1 (see loopback.mjs).
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${LOOPBACK_PRELOAD}`.trim(),
    DATABASE_URL: database.url,
    TOLLGATE_DEMO: "0",
    TOLLGATE_TIMEZONE: run.timezone,
    // Outside the database, as on Postgres it must be; a restored copy (the backup drill) finds it here too.
    TOLLGATE_ACTOR_SECRET_FILE: path.join(run.tempDir, `actor-secret-${name}-${dialect}`),
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    // No ingestion rate limit: the drills push load on purpose (concurrency, soak, crash) and measure throughput;
    // a 429 would be the limiter working, not the property a drill checks. lib/api/hardening.test.ts tests the limit.
    TOLLGATE_INGEST_RATE: "0",
    // The daily retention job would write (and could purge) while a drill counts what it stored.
    TOLLGATE_RETENTION_JOB: "0",
    ...options.env,
  };
  const port = options.port ?? (await freePort());
  const serverLog: string[] = [];
  const spawn = () =>
    spawnServer({
      port,
      env,
      args: run.startArgs,
      log: (line) => {
        serverLog.push(line);
        if (serverLog.length > 5000) serverLog.splice(0, serverLog.length - 5000);
      },
    });
  const connections: Database[] = [];
  const deployment: Deployment = {
    dialect,
    database,
    env,
    port,
    baseUrl: "",
    apiKey: "",
    readKey: "",
    server: spawn(),
    serverLog,
    unhandledErrors: () => serverLog.filter((line) => /Unhandled error|uncaughtException|unhandledRejection|FATAL|⨯/.test(line)),
    async start() {
      deployment.server = spawn();
      await deployment.server.ready;
      assertLoopbackOnly(port);
    },
    async stop() {
      await deployment.server.stop();
    },
    open() {
      const db = openDatabase(database.url);
      connections.push(db);
      return db;
    },
    tollgate: (args) => runTollgate(args, env),
  };
  // Stop the server (whichever is current), then close direct connections, then the database is dropped.
  onCleanup(async () => {
    for (const db of connections.splice(0)) await db.close().catch(() => undefined);
  });
  onCleanup(() => deployment.server.stop());
  try {
    await deployment.server.ready;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${serverLog.slice(-40).join("\n")}`);
  }
  assertLoopbackOnly(port);
  deployment.baseUrl = `http://127.0.0.1:${port}`;
  // The keys name no workflow, so they do not wait for the program. The secret is alone on the last line of stdout.
  const [, keyOutput, readKeyOutput] = await Promise.all([
    deployment.tollgate(["apply", "-f", run.programFile]),
    deployment.tollgate(["keys", "create", "--name", "drill", "--scopes", "ingest,read,admin"]),
    deployment.tollgate(["keys", "create", "--name", "drill-read", "--scopes", "read"]),
  ]);
  deployment.apiKey = keyOutput.trim().split("\n").at(-1)!.trim();
  deployment.readKey = readKeyOutput.trim().split("\n").at(-1)!.trim();
  return deployment;
}

/** A new user with these roles, signed in: the Cookie header their browser would send (for reading pages). */
export async function signedInCookie(deployment: Deployment, roles: Role[]): Promise<string> {
  const session = await signedInUser(deployment.open(), roles);
  return `${SESSION_COOKIE}=${session.token}`;
}

const LOOPBACK_PRELOAD = pathToFileURL(path.join(import.meta.dirname, "loopback.mjs")).href;

/** Local addresses of the sockets listening on a TCP port, as /proc/net/tcp{,6} spell them (hex). */
export function listeningAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [address, hexPort] = (fields[1] ?? "").split(":");
      if (fields[3] === "0A" && hexPort && parseInt(hexPort, 16) === port) addresses.push(address!);
    }
  }
  return addresses;
}

/** Refuses to go on when the server listens on anything but 127.0.0.1 (0100007F in /proc/net/tcp). */
function assertLoopbackOnly(port: number): void {
  const addresses = listeningAddresses(port);
  if (addresses.length === 0 || addresses.some((a) => a !== "0100007F")) {
    throw new Error(`the drill server on port ${port} must listen on 127.0.0.1 only, but listens on ${addresses.join(", ") || "nothing"}`);
  }
}

/** A file in the run's temp folder. */
export function tempFile(run: DrillRun, name: string): string {
  const file = path.join(run.tempDir, name);
  fs.rmSync(file, { force: true });
  return file;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
