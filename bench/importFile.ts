// One import of the bench's Microsoft 365 phase, in a process of its own as `tollgate import` runs it, so its peak
// RSS is the import's alone and not the bench's (which generated the sample files and, in a full run, ten million
// events). Run by bench/sources.ts through fork(); the result goes back over IPC.
//   node --import tsx bench/importFile.ts   (with the request in the TOLLGATE_BENCH_IMPORT environment variable)
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@/lib/db/database";
import { setupInstallation } from "@/lib/db/settings";
import { systemActor } from "@/lib/audit/audit";
import { importFromSource } from "@/lib/sources/importExport";

export interface ImportFileRequest {
  url: string;
  timezone: string;
  source: string;
  location: string;
  dryRun: boolean;
}

export interface ImportFileResult {
  records: number;
  newEvents: number;
  seconds: number;
  /** User + system CPU of the whole process, its reading thread included. */
  cpuSeconds: number;
  /** VmHWM: the process' peak resident set. */
  peakRssMB: number;
}

export const IMPORT_REQUEST_ENV = "TOLLGATE_BENCH_IMPORT";

function peakRssMB(): number {
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return hwm ? Number(hwm[1]) / 1024 : 0;
}

async function importFile(request: ImportFileRequest): Promise<ImportFileResult> {
  const db = openDatabase(request.url);
  try {
    // The actor secret comes from the environment, as the server and the CLI read it.
    await setupInstallation(db, { timezone: request.timezone });
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const summary = await importFromSource(db, { source: request.source, file: request.location, fileName: request.location, actor: systemActor("bench"), dryRun: request.dryRun });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    return { records: summary.counts.records, newEvents: summary.counts.new, seconds, cpuSeconds: (used.user + used.system) / 1e6, peakRssMB: peakRssMB() };
  } finally {
    await db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await importFile(JSON.parse(process.env[IMPORT_REQUEST_ENV]!) as ImportFileRequest);
  process.send!(result);
}
