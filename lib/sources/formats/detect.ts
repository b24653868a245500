// Which kind of text a file holds, told from its first kilobytes (the file's name is not trusted): JSON (an array,
// an OData page, or pretty-printed objects), NDJSON (one JSON object per line) or CSV. `--format` overrides it.
import { UserFacingError } from "@/lib/errors";
import type { InputFormat } from "@/lib/contract/vocabulary";

export type { InputFormat };

/** What a parser learned about the file while reading it, for the import summary. */
export interface ParseNotes {
  /** The exports the records came from, e.g. "Purview portal CSV export", in the order first seen. */
  variants: Set<string>;
  /** Data rows of a CSV file (header excluded), read or not: Purview's export caps them. */
  csvRows: number;
}

export const newNotes = (): ParseNotes => ({ variants: new Set(), csvRows: 0 });

export function noteVariant(notes: ParseNotes, variant: string): void {
  notes.variants.add(variant);
}

export function detectFormat(head: string): InputFormat {
  const text = head.trimStart();
  if (text === "") throw new UserFacingError("The file is empty.");
  if (text.startsWith("[")) return "json";
  if (text.startsWith("{")) {
    const newline = text.indexOf("\n");
    if (newline === -1) return "json";
    try {
      const first = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
      // One complete object on the first line is NDJSON, unless it is a one-line OData page.
      return Array.isArray(first.value) ? "json" : "ndjson";
    } catch {
      return "json";
    }
  }
  return "csv";
}

/** Lines before a CSV header that are not data: PowerShell's `#TYPE …` line. */
export function preambleLines(head: string): number {
  return /^#TYPE [^\n]*\n/.test(head) ? 1 : 0;
}
