// A real Tollgate server (`tollgate start`, a production build) over a test database, for tests that must speak
// HTTP to the real thing: the OpenAPI examples and the TypeScript client. Test files run in parallel, so the build
// is made once under a lock and every server starts with --no-build; each listens on 127.0.0.1 only.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildIsCurrent, ensureBuild } from "@/lib/cli/build";
import type { Database } from "@/lib/db/database";
import { freePort, spawnServer } from "./server";

const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");
const LOOPBACK_PRELOAD = pathToFileURL(path.join(REPO_ROOT, "drills", "loopback.mjs")).href;
/** A lock older than this was left by a run that died: a build takes minutes, not this long. */
const STALE_LOCK_MS = 20 * 60_000;

async function buildOnce(log: (line: string) => void): Promise<void> {
  const lock = path.join(os.tmpdir(), `tollgate-build-${crypto.createHash("sha256").update(REPO_ROOT).digest("hex").slice(0, 12)}.lock`);
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, "wx"));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  // The build must be the one `npm start` makes: NODE_ENV=test (vitest's) would be built in.
  const processEnv = process.env as Record<string, string | undefined>;
  const testEnv = processEnv.NODE_ENV;
  delete processEnv.NODE_ENV;
  try {
    if (!buildIsCurrent(REPO_ROOT)) ensureBuild(REPO_ROOT, log);
  } finally {
    if (testEnv !== undefined) processEnv.NODE_ENV = testEnv;
    fs.rmSync(lock, { force: true });
  }
}

export interface LiveServer {
  baseUrl: string;
  /** The server's output, for a failing test's message. */
  log: string[];
  stop(): Promise<void>;
}

/** Serves `db` (migrated and set up in UTC, as lib/testing/databases.ts makes them) until stop(). */
export async function startLiveServer(db: Database, env: Record<string, string> = {}): Promise<LiveServer> {
  const log: string[] = [];
  await buildOnce((line) => log.push(line));
  const port = await freePort();
  const server = spawnServer({
    port,
    args: ["--no-build"],
    log: (line) => log.push(line),
    env: {
      ...process.env,
      NODE_ENV: "production",
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${LOOPBACK_PRELOAD}`.trim(),
      DATABASE_URL: db.url,
      TOLLGATE_DEMO: "0",
      TOLLGATE_TIMEZONE: "UTC",
      TOLLGATE_ACTOR_SECRET: "test-secret",
      TOLLGATE_RETENTION_JOB: "0",
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      ...env,
    },
  });
  try {
    await server.ready;
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n${log.slice(-40).join("\n")}`);
  }
  return { baseUrl: `http://127.0.0.1:${port}`, log, stop: () => server.stop() };
}
