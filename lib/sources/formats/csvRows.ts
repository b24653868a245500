// CSV rows by header name, streamed (csv-parse): header names trimmed and lower-cased (exports differ in casing and
// newer ones add columns), each row with the line it starts on (a quoted cell may span lines), and a row that
// cannot be read reported by line while the rest go on.
import { Readable } from "node:stream";
import { parse, CsvError, type Info } from "csv-parse";
import type { Parsed, TextChunks } from "./text";

export type CsvRow = Record<string, string>;

export interface CsvOptions {
  /** Lines before the header to pass over (PowerShell's #TYPE line). */
  skipLines?: number;
  /** Called once with the header's (lower-cased) names before the first row. */
  onHeader?: (columns: string[]) => void;
}

function problem(error: CsvError): string {
  if (error.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH" || error.code === "CSV_RECORD_INCONSISTENT_COLUMNS") {
    const got = (error as CsvError & { record?: unknown[] }).record?.length;
    return `has ${got ?? "a different number of"} cells where the header has ${(error as CsvError & { columns?: unknown[] }).columns?.length ?? "more"}`;
  }
  return `is not valid CSV (${error.message.replace(/ at line \d+/, "").replace(/^Invalid /, "invalid ")})`;
}

/** Line breaks inside a record's text, the one that ends it aside. */
function innerBreaks(raw: string): number {
  let breaks = 0;
  for (let i = raw.indexOf("\n"); i !== -1 && i < raw.length - 1; i = raw.indexOf("\n", i + 1)) breaks++;
  return breaks;
}

export async function* csvRows(text: TextChunks, options: CsvOptions = {}): AsyncGenerator<Parsed<CsvRow>> {
  const skipped: Parsed<CsvRow>[] = [];
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const columns = header.map((name) => name.trim().toLowerCase());
      options.onHeader?.(columns);
      return columns;
    },
    from_line: (options.skipLines ?? 0) + 1,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    raw: true,
  });
  parser.on("skip", (error: CsvError & { lines?: number }) => {
    skipped.push({ line: error.lines ?? parser.info.lines, error: problem(error) });
  });
  const source = Readable.from(text);
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  for await (const item of parser as AsyncIterable<{ record: CsvRow; info: Info; raw: string }>) {
    // info.lines is the line the record ends on; a cell spanning lines moves its start back.
    const line = item.info.lines - innerBreaks(item.raw);
    // A bad row is reported as the parser meets it, which can be before the rows above it are read here.
    while (skipped.length && skipped[0]!.line < line) yield skipped.shift()!;
    yield { line, record: item.record };
  }
  while (skipped.length) yield skipped.shift()!;
}
