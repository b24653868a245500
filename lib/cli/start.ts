// `npm start`: migrate, set up, seed the demo on an empty database, build when stale, then serve.
import path from "node:path";
import { spawn } from "node:child_process";
import { createApiKey } from "@/lib/auth/keys";
import { isEmpty, seedDemo } from "@/lib/demo/seed";
import { DEFAULT_DEMO_EVENTS } from "@/lib/demo/generate";
import { ensureBuild } from "./build";
import { openPreparedDatabase } from "./setup";
import { progress } from "./progress";

export async function start(options: { port: number; build: boolean }): Promise<void> {
  const { db } = await openPreparedDatabase({ log: console.log });
  try {
    if (process.env.TOLLGATE_DEMO !== "0" && (await isEmpty(db))) {
      console.log("Empty database: loading the demo program (set TOLLGATE_DEMO=0 to start empty).");
      await seedDemo(db, {}, progress("Demo events", DEFAULT_DEMO_EVENTS));
      const { secret } = await createApiKey(db, { name: "demo", scopes: ["ingest", "read"] });
      console.log(`Demo API key "demo" (scopes ingest, read), shown only now:\n  ${secret}`);
    }
  } finally {
    await db.close();
  }
  if (options.build) ensureBuild();

  const server = spawn(process.execPath, [path.join("node_modules/next/dist/bin/next"), "start", "-p", String(options.port)], {
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
