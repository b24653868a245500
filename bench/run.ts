// `npm run bench`: per dialect, a fresh database behind a real `tollgate start` server. Measures ingestion through
// the HTTP API against the raw driver inserting the same rows, the latency of the read API and of the portfolio
// page, and the server's peak RSS; prints a table per dialect and writes bench/results.json. Usage: --help.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildDemoProgram, demoRolloutPlans, startOfUtcWeek } from "@/lib/demo/program";
import { addDays, configuredTimezone, localDay } from "@/lib/time";
import { createDatabase } from "@/lib/db/throwaway";
import { analyzeLikeAutovacuum } from "./analyze";
import { openDatabase, type Database } from "@/lib/db/database";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { signedInUser } from "@/lib/testing/sessions";
import type { Dialect } from "@/lib/db/dialect";
import { encodeHttpBatch, HTTP_CLIENTS, ingestOverHttp } from "./httpIngest";
import { measureLatency, type Endpoint } from "./latency";
import { parseBenchOptions, USAGE, type BenchOptions } from "./options";
import { chooseDialects, cleanupMark, onCleanup, runTool, unwindCleanups, wasInterrupted } from "@/lib/testing/harness";
import { insertRaw, rawBatchEncoder } from "./rawInsert";
import { checkTargets, failureDetails, formatDialect, TARGETS, type DialectResult } from "./report";
import { freePort, runTollgate, spawnServer } from "./server";
import { BATCH_SIZE, batchSource, PREGENERATE_LIMIT, type Workload } from "./workload";
import { benchSources, formatSources } from "./sources";
import { benchRetention, PURGED_WEEKS } from "./retention";
import { benchPortfolio, formatPortfolio } from "./portfolio";
import { readDatabaseBytes } from "@/lib/db/queries/readDatabaseBytes";
import { migrate } from "@/lib/db/migrate";
import { setupInstallation } from "@/lib/db/settings";

const RESULTS_FILE = path.join(import.meta.dirname, "results.json");

const serverLog = (line: string) => console.error(`  server │ ${line}`);

/**
 * The read requests whose latency is measured, over the 12 demo weeks that end at `end`. Requests rotate over
 * the demo's workflows and rollouts so no single cached answer is measured.
 */
function readEndpoints(end: Date, timezone: string): (Endpoint & { targetP95Ms: number; auth: "key" | "session" })[] {
  // The read API's windows are [from, to): `to` is the day the data ends, exclusive.
  const to = localDay(end, timezone);
  const from = addDays(to, -12 * 7);
  const rollouts = demoRolloutPlans.map(({ workflow, cohort }) => ({ workflow, cohort }));
  const workflows = [...new Set(rollouts.map((r) => r.workflow))];
  const query = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params).toString()}`;
  return [
    {
      name: "metrics weekly series (workflow)",
      paths: workflows.map((workflow) => query("/api/v1/metrics", { workflow, from, to, granularity: "week" })),
      targetP95Ms: TARGETS.apiP95Ms,
      auth: "key",
    },
    {
      name: "metrics weekly series (workflow × cohort)",
      paths: rollouts.map(({ workflow, cohort }) => query("/api/v1/metrics", { workflow, cohort, from, to, granularity: "week" })),
      targetP95Ms: TARGETS.apiP95Ms,
      auth: "key",
    },
    {
      name: "cohorts comparison",
      paths: workflows.map((workflow) => query("/api/v1/cohorts", { workflow, from, to })),
      targetP95Ms: TARGETS.apiP95Ms,
      auth: "key",
    },
    {
      name: "scorecard",
      // An enterprise rollout has no next phase, hence no gate template and no scorecard.
      paths: demoRolloutPlans.filter((r) => r.phase !== "enterprise").map(({ workflow, cohort }) => query("/api/v1/scorecards", { workflow, cohort })),
      targetP95Ms: TARGETS.apiP95Ms,
      auth: "key",
    },
    // Pages are for signed-in users: the portfolio is read with a viewer's session cookie, as the browser sends it.
    { name: "portfolio page GET /", paths: ["/"], targetP95Ms: TARGETS.pageP95Ms, auth: "session" },
  ];
}

interface RunContext {
  options: BenchOptions;
  workload: Workload;
  timezone: string;
  runId: string;
  tempDir: string;
  programFile: string;
}

async function benchDialect(dialect: Dialect, run: RunContext): Promise<DialectResult> {
  const { options, workload, timezone } = run;
  const mark = cleanupMark();
  try {
    const databaseOptions = { tempDir: run.tempDir, postgresAdminUrl: options.postgresAdminUrl };
    const appDatabase = await createDatabase(dialect, `tollgate_bench_${run.runId}`, databaseOptions);
    onCleanup(() => appDatabase.drop());
    const rawDatabase = await createDatabase(dialect, `tollgate_bench_${run.runId}_raw`, databaseOptions);
    onCleanup(() => rawDatabase.drop());

    // One secret for the server and the raw rows, so both store the very same pseudonymized actors.
    const actorSecret = crypto.randomBytes(32).toString("base64url");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: appDatabase.url,
      TOLLGATE_DEMO: "0",
      TOLLGATE_TIMEZONE: timezone,
      TOLLGATE_ACTOR_SECRET: actorSecret,
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      // No ingestion rate limit: the benchmark measures how fast the server can ingest, and the per-key limit
      // (TOLLGATE_INGEST_RATE, default 50 requests/s) would cap exactly that. It is tested in lib/api/hardening.test.ts.
      TOLLGATE_INGEST_RATE: "0",
      // The viewer's session below is opened before ingestion, which takes longer than the default 30 idle minutes
      // at ten million events; the latency phase reads with it afterwards.
      TOLLGATE_SESSION_IDLE_MINUTES: "1440",
      TOLLGATE_SESSION_MAX_MINUTES: "1440",
    };
    const port = options.port ?? (await freePort());
    console.error(`\n== ${dialect}: starting the server on port ${port} (it builds first when the build is stale)`);
    const server = spawnServer({ port, env, log: serverLog });
    onCleanup(() => server.stop());
    const baseUrl = await server.ready;

    await runTollgate(["apply", "-f", run.programFile], env);
    // The secret is alone on the last line of stdout. Reads use a read-only key, as dashboards and reporting tools do.
    const secretOf = (output: string) => output.trim().split("\n").at(-1)!.trim();
    const apiKey = secretOf(await runTollgate(["keys", "create", "--name", "bench", "--scopes", "ingest"], env));
    const readKey = secretOf(await runTollgate(["keys", "create", "--name", "bench-read", "--scopes", "read"], env));
    const sessionDb = openDatabase(appDatabase.url);
    const viewer = await signedInUser(sessionDb, ["viewer"]).finally(() => sessionDb.close());
    const credentials = { key: { authorization: `Bearer ${readKey}` }, session: { cookie: `${SESSION_COOKIE}=${viewer.token}` } };

    console.error(`== ${dialect}: raw driver inserts into a plain table`);
    const rawSource = batchSource(workload, rawBatchEncoder({ dialect, timezone, actorSecret }), "rows for the raw driver");
    const raw = await insertRaw(dialect, rawDatabase.location, rawSource, workload.events);
    await rawDatabase.drop(); // only its rate matters, and the space is better left to the app database

    console.error(`== ${dialect}: ingestion through the HTTP API`);
    const httpSource = batchSource(workload, encodeHttpBatch, "HTTP batches");
    const serverPid = server.nextServerPid();
    const cpuBefore = serverPid === null ? 0 : processCpuSeconds(serverPid);
    const http = await ingestOverHttp({ baseUrl, apiKey, source: httpSource, total: workload.events });
    const httpServerCpuSeconds = serverPid === null ? 0 : processCpuSeconds(serverPid) - cpuBefore;
    const sizeDb = openDatabase(appDatabase.url);
    const databaseMB = (await readDatabaseBytes(sizeDb.sql)) / 1024 / 1024;
    await analyzeLikeAutovacuum(sizeDb).finally(() => sizeDb.close());

    console.error(`== ${dialect}: read latency, ${options.queries} requests per endpoint`);
    const latency = [];
    for (const endpoint of readEndpoints(workload.end, timezone)) {
      const figures = await measureLatency({ baseUrl, headers: credentials[endpoint.auth], endpoint, samples: options.queries });
      latency.push({ ...figures, targetP95Ms: endpoint.targetP95Ms });
    }

    // VmHWM is the high-water mark over the process' life: read it before the server stops.
    const processes = server.peakRss();
    console.error(`== ${dialect}: Microsoft 365 imports`);
    const sources = await inProcess(appDatabase.url, run, actorSecret, (db) => importSources(db, run, actorSecret));
    // Last: it deletes the oldest weeks, which no phase after it may need.
    console.error(`== ${dialect}: retention purges the oldest ${PURGED_WEEKS} weeks`);
    const retention = await inProcess(appDatabase.url, run, actorSecret, (db) => benchRetention(db, run.workload.end));
    const peak = processes[0];
    const result: Omit<DialectResult, "targets"> = {
      dialect,
      events: workload.events,
      pregenerated: httpSource.pregenerated,
      http,
      raw,
      httpToRawRatio: http.eventsPerSecond / raw.eventsPerSecond,
      latency,
      server: { peakRssMB: peak?.peakRssMB ?? 0, peakProcess: peak?.command.split(" ")[0] ?? "?", processes },
      databaseMB,
      httpServerCpuSeconds,
      sources,
      retention,
    };
    return { ...result, targets: checkTargets(result) };
  } finally {
    await unwindCleanups(mark);
  }
}

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 1/100 s on Linux). */
function processCpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Runs an in-process phase against a database: the server's (with the server's actor secret, which is kept outside
 * the database), or a fresh one set up here with its own.
 */
async function inProcess<T>(url: string, run: RunContext, actorSecret: string, phase: (db: Database) => Promise<T>): Promise<T> {
  const db = openDatabase(url);
  try {
    await migrate(db.sql);
    await setupInstallation(db, { timezone: run.timezone, actorSecret });
    return await phase(db);
  } finally {
    await db.close();
  }
}

/** The Microsoft 365 import phase: sample exports written to the run's folder, then imported through each source type. */
function importSources(db: Database, run: RunContext, actorSecret: string) {
  const dir = fs.mkdtempSync(path.join(run.tempDir, "m365-"));
  const { timezone, workload } = run;
  return benchSources(db, { dir, purviewRecords: run.options.records, end: workload.end, timezone, actorSecret, log: (line) => console.error(`  ${line}`) });
}

/** `--only sources` or `--only portfolio`: that phase alone, per dialect, on fresh databases and without a server. */
async function onlyPhase(run: RunContext, dialects: Dialect[], phase: "sources" | "portfolio"): Promise<void> {
  for (const dialect of dialects) {
    const database = await createDatabase(dialect, `tollgate_bench_${run.runId}_${phase}`, { tempDir: run.tempDir, postgresAdminUrl: run.options.postgresAdminUrl });
    const mark = cleanupMark();
    onCleanup(() => database.drop());
    // A fresh database with a secret of its own: Postgres installations require one outside the database.
    const actorSecret = crypto.randomBytes(32).toString("base64url");
    if (phase === "sources") {
      console.error(`\n== ${dialect}: Microsoft 365 imports`);
      const result = await inProcess(database.url, run, actorSecret, (db) => importSources(db, run, actorSecret));
      console.log(`\n${dialect}\n${formatSources(result, dialect === "sqlite")}`);
    } else {
      console.error(`\n== ${dialect}: the portfolio's report at ${run.options.events.toLocaleString("en-US")} events`);
      const { events, seed, queries } = run.options;
      const result = await inProcess(database.url, run, actorSecret, (db) => benchPortfolio(db, { events, seed, end: run.workload.end, renders: queries }));
      console.log(`\n${dialect} · ${events.toLocaleString("en-US")} events · load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n${formatPortfolio(result)}`);
    }
    await unwindCleanups(mark);
  }
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  const { dialects, skipped } = await chooseDialects(options.dialect, options.postgresAdminUrl, { postgresRequiredInCi: false });
  const timezone = configuredTimezone();
  // A fixed instant for the whole run: the demo data ends where the current UTC week starts.
  const end = startOfUtcWeek(new Date());
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-bench-"));
  onCleanup(() => fs.rmSync(tempDir, { recursive: true, force: true }));
  const programFile = path.join(tempDir, "program.json");
  fs.writeFileSync(programFile, JSON.stringify(buildDemoProgram(end), null, 2));
  const run: RunContext = {
    options,
    workload: { seed: options.seed, events: options.events, end },
    timezone,
    runId: crypto.randomBytes(4).toString("hex"),
    tempDir,
    programFile,
  };

  if (options.only) {
    try {
      return await onlyPhase(run, dialects, options.only);
    } finally {
      await unwindCleanups();
    }
  }

  const results: DialectResult[] = [];
  const failures: { dialect: Dialect; error: string }[] = [];
  try {
    for (const dialect of dialects) {
      try {
        results.push(await benchDialect(dialect, run));
      } catch (error) {
        if (wasInterrupted()) return; // the failure is the interruption itself (the server went away mid-request)
        console.error(`\n${dialect}: the benchmark failed: ${(error as Error).stack ?? error}`);
        failures.push({ dialect, error: (error as Error).message });
      }
    }
  } finally {
    await unwindCleanups();
  }

  console.log();
  for (const result of results) console.log(`${formatDialect(result)}\n`);
  const details = results.flatMap(failureDetails);
  if (details.length) console.log(details.join("\n") + "\n");
  if (options.events < 10_000_000 && results.some((r) => r.dialect === "sqlite")) {
    console.log(`The read API's ${TARGETS.apiP95Ms} ms target is set for 10,000,000 events on SQLite (--events 10000000).\n`);
  }

  const cpus = os.cpus();
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? null,
      totalMemoryMB: Math.round(os.totalmem() / 1024 / 1024),
      node: process.version,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
    },
    options: {
      events: options.events,
      seed: options.seed,
      queriesPerEndpoint: options.queries,
      batchSize: BATCH_SIZE,
      httpClients: HTTP_CLIENTS,
      demoEnd: end.toISOString(),
      timezone,
      pregenerateLimit: PREGENERATE_LIMIT,
    },
    targets: TARGETS,
    dialects: results,
    failures,
    skipped,
  };
  if (results.length > 0) {
    fs.writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + "\n");
    console.log(`Wrote ${path.relative(process.cwd(), RESULTS_FILE)}.`);
  } else {
    // Keep the last good results rather than replace them with a run that measured nothing.
    console.log(`Nothing was measured: ${path.relative(process.cwd(), RESULTS_FILE)} is left as it was.`);
  }
  if (failures.length > 0 || results.some((r) => r.targets.find((t) => t.name === "every event accepted")?.passed === false)) {
    process.exitCode = 1;
  }
}

runTool(main, USAGE, "stopping the server and removing the benchmark's databases");
