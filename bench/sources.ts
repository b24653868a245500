// The Microsoft 365 import phase of `npm run bench`: sample exports of a given size (the demo's M365 story, written
// in chunks so the generator never holds the whole file), imported in-process through each source type, with
// records per second (wall clock and per CPU-second), and the importing process' peak RSS. Each Purview file is also
// read again as a dry run, which parses and derives without storing: the import's own cost apart from ingestion's.
// `--only sources` runs this phase alone.
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
import { importFromSource } from "@/lib/sources/importExport";
import { FILES } from "./sampleExports";

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
  /**
   * VmHWM of the process that imported, with --only sources (where it does nothing else); null in a full run, whose
   * process generated the events of the earlier phases.
   */
  peakRssMB: number | null;
}

/** bench/sampleExports.ts in a child process (this one's tsx flags), so this process' peak RSS is the imports' own. */
function writeFilesApart(dir: string, purviewRecords: number, end: Date): Promise<void> {
  const script = fileURLToPath(new URL("./sampleExports.ts", import.meta.url));
  const child = fork(script, [dir, String(purviewRecords), end.toISOString()], { stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`writing the sample exports failed (exit code ${code})`))));
  });
}

function peakRssMB(): number {
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return hwm ? Number(hwm[1]) / 1024 : 0;
}

export async function benchSources(
  db: Database,
  options: { dir: string; purviewRecords: number; end: Date; alone: boolean; log: (line: string) => void },
): Promise<SourcesResult> {
  const { dir, purviewRecords, end, alone, log } = options;
  log(`writing sample exports of ${purviewRecords.toLocaleString("en-US")} Purview records`);
  await writeFilesApart(dir, purviewRecords, end);
  log(`files written, peak ${Math.round(peakRssMB())} MB`);
  const sample = buildM365Sample({ records: 1, end });
  await applyProgram(db, { ...buildDemoProgram(end), ...sampleProgram(sample) }, ACTOR);
  await importDirectory(db, fs.createReadStream(path.join(dir, "people.csv")), { cohortFrom: "department", actor: ACTOR });
  const files: SourceFigures[] = [];
  for (const file of FILES) {
    const location = path.join(dir, file.name);
    // The dry run comes after the import, so the import is measured as a first run, as before the dry run existed.
    for (const dryRun of file.type === "purview-audit" ? [false, true] : [false]) {
      const started = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      const bytes = fs.createReadStream(location, { highWaterMark: 256 * 1024 });
      const summary = await importFromSource(db, { source: file.source, bytes, fileName: file.name, actor: ACTOR, dryRun });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const used = process.cpuUsage(cpu);
      files.push({
        file: file.name,
        type: file.type,
        dryRun,
        megabytes: fs.statSync(location).size / 1024 / 1024,
        records: summary.counts.records,
        events: dryRun ? 0 : summary.counts.new,
        seconds,
        recordsPerSecond: summary.counts.records / seconds,
        cpuSeconds: (used.user + used.system) / 1e6,
      });
      log(`${file.name}${dryRun ? " (dry run)" : ""}: ${Math.round(summary.counts.records / seconds).toLocaleString("en-US")} records/s, peak ${Math.round(peakRssMB())} MB`);
    }
    fs.rmSync(location);
  }
  return { purviewRecords, files, peakRssMB: alone ? peakRssMB() : null };
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
  if (peak === null) rows.push(["importing process, peak RSS", "—", "", "", "", "", "", "--only sources"]);
  else rows.push(["importing process, peak RSS", `${Math.round(peak)} MB`, "", "", "", "", "", `< ${IMPORT_PEAK_RSS_MB} ${peak < IMPORT_PEAK_RSS_MB ? "✓" : "✗"}`]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => "  " + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd()).join("\n");
}
