// Reading an export for an import, in one of two places: in the reading worker (./inWorker.ts, imported only by the
// callers that use it), beside the thread that stores; or in the caller's own thread. Either way the same outcomes
// in the same order (./batches.ts).
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

/** Records already parsed (a pull's, or a file's opened here), read in this thread. */
export function readRecords(
  type: SourceType,
  opened: { format: InputFormat; notes: ParseNotes; items: AsyncIterable<Parsed<RecordOf[SourceType]>> },
  source: SourceInput,
  directory: DirectoryLookup,
): Reading {
  return { batches: outcomeBatches(type, opened.items, source, directory), finished: () => opened };
}

export async function readInThread(
  type: SourceType,
  bytes: AsyncIterable<Uint8Array>,
  format: InputFormat | undefined,
  source: SourceInput,
  directory: DirectoryLookup,
): Promise<Reading> {
  return readRecords(type, await openExport(type, bytes, format), source, directory);
}

export type { Outcome } from "./batches";
export { DirectoryLookup, type MembersOf } from "./directoryLookup";
