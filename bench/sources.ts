// The Microsoft 365 import phase of `npm run bench`: sample exports of a given size (the demo's M365 story, written
// in chunks so the generator never holds the whole file), each imported in a process of its own as `tollgate import`
// runs it (./importFile.ts), through each source type, with records per second (wall clock and per CPU-second) and
// the importing processes' peak RSS. Each Purview file is also read again as a dry run, which parses and derives
// without storing: the import's own cost apart from ingestion's. `--only sources` runs this phase alone.
import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "@/lib/db/database";
import { buildDemoProgram } from "@/lib/demo/program";
import { applyProgram } from "@/lib/program/applyProgram";
import type { SourceType } from "@/lib/contract/vocabulary";
import { systemActor } from "@/lib/audit/audit";
import { buildM365Sample } from "@/lib/sources/samples/story";
import { sampleProgram } from "@/lib/sources/samples/files";
import { importDirectory } from "@/lib/sources/directory";
import { FILES } from "./sampleExports";
import { IMPORT_REQUEST_ENV, type ImportFileRequest, type ImportFileResult } from "./importFile";

/** "At least 10,000 Purview records/s on SQLite on these two cores." */
export const PURVIEW_RECORDS_PER_SECOND = 10_000;
/** "A 1 GB export imports with the process under 500 MB RSS." */
export const IMPORT_PEAK_RSS_MB = 500;

const ACTOR = systemActor("bench");

export interface SourceFigures {
  file: string;
  type: SourceType;
  /** Read and derived only, nothing stored: the import's own share, apart from ingestion's. */
  dryRun: boolean;
  megabytes: number;
  records: number;
  events: number;
  seconds: number;
  recordsPerSecond: number;
  /** CPU time of the importing process (user + system): on a shared machine, a steadier figure than the wall clock. */
  cpuSeconds: number;
}

export interface SourcesResult {
  purviewRecords: number;
  files: SourceFigures[];
  /** The highest VmHWM of the importing processes. */
  peakRssMB: number;
}

/** A bench script in a child process with this one's tsx flags; resolves with what it sends back, if anything. */
function runApart<T>(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<T | undefined> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, { stdio: "inherit", env });
  let result: T | undefined;
  child.on("message", (message: T) => (result = message));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(result) : reject(new Error(`${script} failed (exit code ${code})`))));
  });
}

/** The actor secret goes as the CLI reads it, from the environment. */
async function importApart(request: ImportFileRequest, actorSecret: string): Promise<ImportFileResult> {
  const env = { ...process.env, TOLLGATE_ACTOR_SECRET: actorSecret, [IMPORT_REQUEST_ENV]: JSON.stringify(request) };
  const result = await runApart<ImportFileResult>("./importFile.ts", [], env);
  if (!result) throw new Error(`the import of ${request.location} sent back no figures`);
  return result;
}

export async function benchSources(
  db: Database,
  options: { dir: string; purviewRecords: number; end: Date; timezone: string; actorSecret: string; log: (line: string) => void },
): Promise<SourcesResult> {
  const { dir, purviewRecords, end, timezone, actorSecret, log } = options;
  log(`writing sample exports of ${purviewRecords.toLocaleString("en-US")} Purview records`);
  await runApart("./sampleExports.ts", [dir, String(purviewRecords), end.toISOString()]);
  const sample = buildM365Sample({ records: 1, end });
  await applyProgram(db, { ...buildDemoProgram(end), ...sampleProgram(sample) }, ACTOR);
  await importDirectory(db, fs.createReadStream(path.join(dir, "people.csv")), { cohortFrom: "department", actor: ACTOR });
  const files: SourceFigures[] = [];
  let peakRssMB = 0;
  for (const file of FILES) {
    const location = path.join(dir, file.name);
    // The dry run comes after the import, so the import is measured as a first run, as before the dry run existed.
    for (const dryRun of file.type === "purview-audit" ? [false, true] : [false]) {
      const result = await importApart({ url: db.url, timezone, source: file.source, location, dryRun }, actorSecret);
      peakRssMB = Math.max(peakRssMB, result.peakRssMB);
      files.push({
        file: file.name,
        type: file.type,
        dryRun,
        megabytes: fs.statSync(location).size / 1024 / 1024,
        records: result.records,
        events: dryRun ? 0 : result.newEvents,
        seconds: result.seconds,
        recordsPerSecond: result.records / result.seconds,
        cpuSeconds: result.cpuSeconds,
      });
      log(`${file.name}${dryRun ? " (dry run)" : ""}: ${Math.round(result.records / result.seconds).toLocaleString("en-US")} records/s, peak ${Math.round(result.peakRssMB)} MB`);
    }
    fs.rmSync(location);
  }
  return { purviewRecords, files, peakRssMB };
}

export function formatSources(result: SourcesResult, sqlite: boolean): string {
  const rows = [["Microsoft 365 import", "records/s", "records/CPU-s", "records", "events stored", "MB", "seconds", "target"]];
  for (const f of result.files) {
    if (f.dryRun) {
      rows.push([`  ${f.file}, dry run`, Math.round(f.recordsPerSecond).toLocaleString("en-US"), Math.round(f.records / f.cpuSeconds).toLocaleString("en-US"), f.records.toLocaleString("en-US"), "—", f.megabytes.toFixed(1), f.seconds.toFixed(1), ""]);
      continue;
    }
    const target = f.type === "purview-audit" && sqlite ? `≥ ${PURVIEW_RECORDS_PER_SECOND.toLocaleString("en-US")} ${f.recordsPerSecond >= PURVIEW_RECORDS_PER_SECOND ? "✓" : "✗"}` : "";
    rows.push([f.file, Math.round(f.recordsPerSecond).toLocaleString("en-US"), Math.round(f.records / f.cpuSeconds).toLocaleString("en-US"), f.records.toLocaleString("en-US"), f.events.toLocaleString("en-US"), f.megabytes.toFixed(1), f.seconds.toFixed(1), target]);
  }
  const peak = result.peakRssMB;
  rows.push(["importing processes, peak RSS", `${Math.round(peak)} MB`, "", "", "", "", "", `< ${IMPORT_PEAK_RSS_MB} ${peak < IMPORT_PEAK_RSS_MB ? "✓" : "✗"}`]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => "  " + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd()).join("\n");
}
