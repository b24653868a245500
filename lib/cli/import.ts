// `tollgate import FILE`: NDJSON or CSV events through the same validation and ingestion as the API.
import fs from "node:fs";
import readline from "node:readline";
import { parse } from "csv-parse";
import type { Database } from "@/lib/db/database";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { MAX_BATCH_EVENTS } from "@/lib/contract/event";
import { progress } from "./progress";

export interface ImportReport {
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: { line: number; errors: string[] }[];
}

interface Line {
  line: number;
  value: unknown;
  error?: string;
}

const NUMERIC_FIELDS = new Set(["durationMs", "severity", "score"]);

/** A CSV row holds strings; turn it into the JSON an agent would send (numbers, properties, no empty cells). */
export function csvRowToEvent(row: Record<string, string>): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const [field, cell] of Object.entries(row)) {
    if (cell === "") continue;
    if (NUMERIC_FIELDS.has(field)) event[field] = /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
    else if (field === "properties") {
      try {
        event[field] = JSON.parse(cell);
      } catch {
        event[field] = cell;
      }
    } else event[field] = cell;
  }
  return event;
}

async function* ndjsonLines(stream: NodeJS.ReadableStream): AsyncGenerator<Line> {
  let line = 0;
  for await (const text of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === "") continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch {
      yield { line, value: null, error: "is not valid JSON" };
    }
  }
}

async function* csvLines(stream: NodeJS.ReadableStream): AsyncGenerator<Line> {
  const parser = stream.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: false }));
  for await (const record of parser) {
    yield { line: parser.info.lines, value: csvRowToEvent(record as Record<string, string>) };
  }
}

export async function importFile(db: Database, file: string, format?: "ndjson" | "csv"): Promise<ImportReport> {
  const kind = format ?? (/\.csv$/i.test(file) ? "csv" : "ndjson");
  const size = fs.statSync(file).size;
  const stream = fs.createReadStream(file);
  let bytesRead = 0;
  stream.on("data", (chunk) => (bytesRead += chunk.length));
  const bar = progress(`Importing ${file}`, size);
  const report: ImportReport = { lines: 0, accepted: 0, duplicates: 0, rejected: [] };
  let batch: Line[] = [];

  const flush = async () => {
    const result = await ingestBatch(db, batch.map((l) => l.value));
    report.accepted += result.accepted;
    report.duplicates += result.duplicates;
    for (const rejected of result.rejected) {
      report.rejected.push({
        line: batch[rejected.index]!.line,
        errors: rejected.errors.map((e) => `${e.path.replace(/^events\[\d+\]\.?/, "") || "(event)"}: ${e.message}`),
      });
    }
    batch = [];
    bar.update(bytesRead, `${report.accepted} accepted`);
  };

  try {
    for await (const line of kind === "csv" ? csvLines(stream) : ndjsonLines(stream)) {
      report.lines++;
      if (line.error) report.rejected.push({ line: line.line, errors: [line.error] });
      else batch.push(line);
      if (batch.length === MAX_BATCH_EVENTS) await flush();
    }
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  if (batch.length) await flush();
  bar.finish(`${report.accepted} accepted`);
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
