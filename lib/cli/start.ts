// `npm start`: migrate, set up, seed the demo on an empty database, build when stale, then serve.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { createApiKey } from "@/lib/auth/keys";
import { createUser } from "@/lib/auth/users";
import { systemActor } from "@/lib/audit/audit";
import { isEmpty, seedDemo } from "@/lib/demo/seed";
import { DEFAULT_DEMO_EVENTS } from "@/lib/demo/generate";
import { DEMO_ADMIN, DEMO_REVIEWED_WORKFLOWS, DEMO_REVIEWER } from "@/lib/demo/program";
import { countUsers } from "@/lib/db/queries/countUsers";
import { ensureBuild } from "./build";
import { FIRST_ADMIN_HINT } from "./users";
import { openPreparedDatabase } from "./setup";
import { progress } from "./progress";
import { databaseUrl } from "@/lib/db/dialect";
import { takeServerLock } from "@/lib/db/serverLock";

/** Four groups of five letters and digits: easy to type from a terminal, about 100 bits. */
function readablePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = crypto.randomBytes(20);
  return [0, 1, 2, 3].map((g) => [...bytes.subarray(g * 5, g * 5 + 5)].map((b) => alphabet[b % alphabet.length]).join("")).join("-");
}

export async function start(options: { port: number; build: boolean }): Promise<void> {
  // Refuses at once, before migrating or building, when a server holds this SQLite database. Held while preparing;
  // the server process takes it over when it starts (instrumentation.ts) and holds it while it runs.
  const lock = takeServerLock(databaseUrl());
  try {
    await prepare(options);
  } finally {
    lock.release();
  }

  // TOLLGATE_CPU_PROF_DIR: the server writes a V8 CPU profile there when it stops (bench/profile.ts reads it).
  const profile = process.env.TOLLGATE_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.TOLLGATE_CPU_PROF_DIR)}`] : [];
  const server = spawn(process.execPath, [...profile, "--import", pathToFileURL(path.resolve("bin/peer-address.mjs")).href, path.join("node_modules/next/dist/bin/next"), "start", "-p", String(options.port)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  server.stdout.on("data", (chunk: Buffer) => {
    // Next prints its own banner; Tollgate's ready line follows the health check below.
    if (process.env.TOLLGATE_VERBOSE) process.stdout.write(chunk);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));

  const url = `http://localhost:${options.port}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) {
        console.log(`Tollgate is ready at ${url}`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.error(`Tollgate did not answer on ${url}/api/health within a minute.`);
}

/** Migrates and sets up the database, seeds the demo on an empty one, builds when stale. */
async function prepare(options: { port: number; build: boolean }): Promise<void> {
  const { db } = await openPreparedDatabase({ log: console.log });
  try {
    if (process.env.TOLLGATE_DEMO !== "0" && (await isEmpty(db))) {
      console.log("Empty database: loading the demo program (set TOLLGATE_DEMO=0 to start empty).");
      await seedDemo(db, {}, progress("Demo events", DEFAULT_DEMO_EVENTS));
      const demo = systemActor("demo");
      const { secret } = await createApiKey(db, { name: "demo", scopes: ["ingest", "read"] }, demo);
      const password = process.env.TOLLGATE_DEMO_PASSWORD || readablePassword();
      await createUser(db, { email: DEMO_ADMIN, name: "Demo admin", roles: ["admin", "board"] }, demo, { password });
      await createUser(db, { email: DEMO_REVIEWER, name: "Demo reviewer", roles: ["reviewer"], workflows: DEMO_REVIEWED_WORKFLOWS }, demo, { password });
      console.log(`Demo API key "demo" (scopes ingest, read), shown only now:\n  ${secret}`);
      console.log(`Sign in at http://localhost:${options.port}/sign-in as ${DEMO_ADMIN} with the password ${password} (shown only now; roles admin and board).`);
      console.log(`The demo reviewer ${DEMO_REVIEWER} has the same password (role reviewer of ${DEMO_REVIEWED_WORKFLOWS.join(", ")}): open /review.`);
    } else if ((await countUsers(db)) === 0) {
      // An installation started empty (TOLLGATE_DEMO=0) has no one who could sign in yet.
      console.log(FIRST_ADMIN_HINT);
    }
  } finally {
    await db.close();
  }
  if (options.build) ensureBuild();
}
