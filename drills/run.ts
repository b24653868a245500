// `npm run drill`: the reliability drills (crash, concurrency, fuzz, soak, backup, alerts, pull), each against real servers on
// throwaway databases, on SQLite and Postgres. Prints a table of figures per drill and dialect, then
// "N passed, M failed" (drills; a drill passes when it passes on every dialect) and exits 1 when any failed.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Dialect } from "@/lib/db/dialect";
import { buildIsCurrent, ensureBuild } from "@/lib/cli/build";
import { startOfUtcWeek } from "@/lib/demo/program";
import { configuredTimezone } from "@/lib/time";
import { cleanupMark, Figures, log, onCleanup, unwindCleanups, type Drill, type DrillResult, type DrillRun } from "./context";
import { parseDrillOptions, USAGE, type DrillName, type DrillOptions } from "./options";
import { chooseDialects, DIALECT_NAMES, runTool, textTable, wasInterrupted } from "@/lib/testing/harness";
import { drillProgram } from "./program";
import { crashDrill } from "./crash";
import { concurrencyDrill } from "./concurrency";
import { fuzzDrill } from "./fuzz";
import { soakDrill } from "./soak";
import { backupDrill } from "./backup";
import { alertsDrill } from "./alerts";
import { pullDrill } from "./pull";
import { instancesDrill } from "./instances";

const DRILLS: Record<DrillName, { title: string; run: Drill; /** Only these dialects (default: every one drilled). */ dialects?: Dialect[] }> = {
  crash: { title: "Crash: SIGKILL during ingestion", run: crashDrill },
  concurrency: { title: "Concurrency: overlapping batches, torn reads", run: concurrencyDrill },
  fuzz: { title: "Hostile input: fuzzed requests, formula injection", run: fuzzDrill },
  soak: { title: "Soak: steady mixed load", run: soakDrill },
  backup: { title: "Backup and restore during ingestion", run: backupDrill },
  alerts: { title: "Alerts: SIGKILL between an incident's commit and its delivery", run: alertsDrill },
  pull: { title: "Pull: SIGKILL of a Microsoft 365 puller half-way, then resume", run: pullDrill },
  // SQLite is one server process (lib/db/serverLock.ts): several instances are a Postgres deployment.
  instances: { title: "Instances: two servers on one database, one SIGKILLed", run: instancesDrill, dialects: ["postgres"] },
};


async function drilledDialects(options: DrillOptions): Promise<Dialect[]> {
  return (await chooseDialects(options.dialect, options.postgresAdminUrl, { postgresRequiredInCi: true })).dialects;
}

function formatResult(result: DrillResult): string {
  const lines = [`${DRILLS[result.drill].title} · ${DIALECT_NAMES[result.dialect]} · ${result.passed ? "PASSED" : "FAILED"} (${result.seconds.toFixed(0)} s)`];
  if (result.rows.length) lines.push(textTable(result.rows, "lr"));
  for (const check of result.checks) {
    lines.push(`  ${check.passed ? "✓" : "✗"} ${check.name}`);
    if (!check.passed && check.detail) lines.push(...check.detail.split("\n").map((l) => `      ${l.slice(0, 400)}`));
  }
  if (result.error) lines.push(`  ✗ the drill failed: ${result.error}`);
  return lines.join("\n");
}

async function runDrill(name: DrillName, dialect: Dialect, run: DrillRun): Promise<DrillResult> {
  const figures = new Figures();
  const started = performance.now();
  let error: string | null = null;
  log(`\n== ${name} on ${DIALECT_NAMES[dialect]}`);
  try {
    await DRILLS[name].run(run, dialect, figures);
  } catch (failure) {
    error = wasInterrupted() ? "interrupted" : ((failure as Error).stack ?? String(failure));
  }
  const result: DrillResult = {
    drill: name,
    dialect,
    seconds: (performance.now() - started) / 1000,
    rows: figures.rows,
    checks: figures.checks,
    error,
    passed: error === null && figures.checks.length > 0 && figures.checks.every((c) => c.passed),
  };
  console.log(`\n${formatResult(result)}`);
  return result;
}

async function main(): Promise<void> {
  const options = parseDrillOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  const dialects = await drilledDialects(options);
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-drill-"));
  onCleanup(() => fs.rmSync(tempDir, { recursive: true, force: true }));
  const end = startOfUtcWeek(new Date());
  const programFile = path.join(tempDir, "program.json");
  fs.writeFileSync(programFile, JSON.stringify(drillProgram(end), null, 2));

  // Build once up front (when the build is missing or stale), so every server starts with --no-build. The pull drill
  // runs the command line only.
  if (options.only.some((name) => name !== "pull") && !buildIsCurrent()) {
    log("The build is missing or stale: building once for all drill servers…");
    ensureBuild(process.cwd(), log);
  }
  const run: DrillRun = {
    options,
    runId: crypto.randomBytes(4).toString("hex"),
    tempDir,
    timezone: configuredTimezone(),
    end,
    programFile,
    startArgs: ["--no-build"],
    dialects,
  };
  console.log(
    `Reliability drills (${options.ci ? "CI sizes" : "full sizes"}): ${options.only.join(", ")} on ${dialects.map((d) => DIALECT_NAMES[d]).join(" and ")}; seed ${options.seed}; ` +
      `${os.cpus().length} CPUs, Node ${process.version}`,
  );

  const started = performance.now();
  const results: DrillResult[] = [];
  const mark = cleanupMark();
  try {
    for (const name of options.only) {
      for (const dialect of dialects.filter((d) => DRILLS[name].dialects?.includes(d) ?? true)) {
        if (wasInterrupted()) return;
        results.push(await runDrill(name, dialect, run));
      }
    }
  } finally {
    await unwindCleanups(mark);
    await unwindCleanups();
  }

  const passed = options.only.filter((name) => results.filter((r) => r.drill === name).every((r) => r.passed));
  const failed = options.only.filter((name) => !passed.includes(name));
  const minutes = (performance.now() - started) / 60_000;
  console.log(`\nDrills took ${minutes.toFixed(1)} minutes.${failed.length ? ` Failed: ${failed.join(", ")}.` : ""}`);
  if (options.json) {
    fs.writeFileSync(
      options.json,
      JSON.stringify({ date: new Date().toISOString(), ci: options.ci, seed: options.seed, dialects, minutes, machine: { cpus: os.cpus().length, node: process.version }, results }, null, 2) + "\n",
    );
  }
  console.log(`${passed.length} passed, ${failed.length} failed`);
  if (failed.length > 0) process.exitCode = 1;
}

runTool(main, USAGE, "stopping the drills' servers and removing their databases");
