// Reading an export for an import: a file's bytes or a pull's parsed records, turned into outcomes (an event list,
// a skip or an error per record) in the file's order, batch by batch (./batches.ts).
import type { SourceInput } from "@/lib/contract/sources";
import type { InputFormat, SourceType } from "@/lib/contract/vocabulary";
import { openExport, type ParseNotes, type Parsed, type RecordOf } from "../formats";
import { outcomeBatches, type Outcome } from "./batches";
import type { DirectoryLookup } from "./directoryLookup";

export interface Reading {
  batches: AsyncIterable<Outcome[]>;
  /** The format and what the parser noted, once every batch has been read. */
  finished(): { format: InputFormat; notes: ParseNotes };
}

/** Records already parsed: a pull's, or a file's opened by readExport. */
export function readRecords(
  type: SourceType,
  opened: { format: InputFormat; notes: ParseNotes; items: AsyncIterable<Parsed<RecordOf[SourceType]>> },
  source: SourceInput,
  directory: DirectoryLookup,
): Reading {
  return { batches: outcomeBatches(type, opened.items, source, directory), finished: () => opened };
}

/** A file's bytes, in the format given or the one its content shows. */
export async function readExport(
  type: SourceType,
  bytes: AsyncIterable<Uint8Array>,
  format: InputFormat | undefined,
  source: SourceInput,
  directory: DirectoryLookup,
): Promise<Reading> {
  return readRecords(type, await openExport(type, bytes, format), source, directory);
}

export { DirectoryLookup } from "./directoryLookup";
