// CSV rows by header name, streamed: header names trimmed and lower-cased (exports differ in casing and newer ones
// add columns), each row with the line it starts on (a quoted cell may span lines), and a row that cannot be read
// reported by line while the rest go on. RFC 4180 (quoted cells, doubled quotes, CRLF or LF), read with indexOf
// rather than character by character: Purview's AuditData cells are long, and this reader is several times faster
// than a general-purpose parser on them.
import type { Parsed, TextChunks } from "./text";

export type CsvRow = Record<string, string>;

export interface CsvOptions {
  /** Lines before the header to pass over (PowerShell's #TYPE line). */
  skipLines?: number;
  /** Called once with the header's (lower-cased) names before the first row; may throw to refuse the file. */
  onHeader?: (columns: string[]) => void;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

type ReadRecord = { cells: string[]; end: number } | { error: string; end: number };

/** Line breaks in text[from, to). */
function breaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** Where the line holding `from` ends (after its line break), for skipping a row that cannot be read. */
const endOfLine = (text: string, from: number) => {
  const lf = text.indexOf("\n", from);
  return lf === -1 ? text.length : lf + 1;
};

/** The record starting at `start`, or null when the text ends inside it and more may come. */
function readRecord(text: string, start: number, final: boolean): ReadRecord | null {
  const cells: string[] = [];
  let i = start;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      // Each doubled quote is made single where the scan finds it: several times cheaper than a replaceAll
      // afterwards on AuditData cells, which hold hundreds of them.
      let cell = "";
      let from = i + 1;
      let close = text.indexOf('"', from);
      while (close !== -1 && text.charCodeAt(close + 1) === QUOTE) {
        cell += text.slice(from, close + 1);
        from = close + 2;
        close = text.indexOf('"', from);
      }
      // A quote as the last character may be the first of a doubled pair: wait for more text.
      if (close === -1 || (close === text.length - 1 && !final)) {
        return final ? { error: "has a quoted cell that is never closed", end: text.length } : null;
      }
      cells.push(cell + text.slice(from, close));
      i = close + 1;
      const next = text.charCodeAt(i);
      if (next === COMMA) {
        i++;
        continue;
      }
      if (next === LF) return { cells, end: i + 1 };
      if (next === CR) {
        if (i + 1 >= text.length && !final) return null;
        return { cells, end: text.charCodeAt(i + 1) === LF ? i + 2 : i + 1 };
      }
      if (i >= text.length) return { cells, end: i };
      return { error: "has text after a quoted cell's closing quote", end: endOfLine(text, i) };
    }
    let j = i;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === COMMA || c === LF) break;
    }
    if (j >= text.length && !final) return null;
    const cell = text.slice(i, j);
    cells.push(cell.charCodeAt(cell.length - 1) === CR ? cell.slice(0, -1) : cell);
    if (j < text.length && text.charCodeAt(j) === COMMA) {
      i = j + 1;
      continue;
    }
    return { cells, end: Math.min(j + 1, text.length) };
  }
}

export async function* csvRows(text: TextChunks, options: CsvOptions = {}): AsyncGenerator<Parsed<CsvRow>> {
  let buffer = "";
  let line = 1;
  let toSkip = options.skipLines ?? 0;
  let header: string[] | null = null;

  function* drain(final: boolean): Generator<Parsed<CsvRow>> {
    let at = 0;
    while (at < buffer.length) {
      if (toSkip > 0) {
        const end = endOfLine(buffer, at);
        if (end === buffer.length && !final && !buffer.endsWith("\n")) break;
        [at, line, toSkip] = [end, line + 1, toSkip - 1];
        continue;
      }
      const record = readRecord(buffer, at, final);
      if (!record) break;
      const start = line;
      line += breaks(buffer, at, record.end);
      at = record.end;
      if ("error" in record) {
        yield { line: start, error: record.error };
        continue;
      }
      // An empty line is no record.
      if (record.cells.length === 1 && record.cells[0] === "") continue;
      if (!header) {
        header = record.cells.map((name) => name.trim().toLowerCase());
        options.onHeader?.(header);
        continue;
      }
      if (record.cells.length !== header.length) {
        yield { line: start, error: `has ${record.cells.length} cells where the header has ${header.length}` };
        continue;
      }
      const row: CsvRow = {};
      for (let c = 0; c < header.length; c++) row[header[c]!] = record.cells[c]!;
      yield { line: start, record: row };
    }
    buffer = buffer.slice(at);
  }

  for await (const chunk of text) {
    buffer += chunk;
    yield* drain(false);
  }
  yield* drain(true);
}
