// Reading an export for an import: a file's bytes or a pull's parsed records, turned into outcomes (an event list,
// a skip or an error per record) in the file's order, batch by batch (./batches.ts). A large file is read on a
// thread of its own (./thread.ts), a small one here.
import type { SourceInput } from "@/lib/contract/sources";
import type { InputFormat, SourceType } from "@/lib/contract/vocabulary";
import { openExport, type ParseNotes, type Parsed, type RecordOf } from "../formats";
import { outcomeBatches, type Outcome } from "./batches";
import { DirectoryLookup, type MembershipFetch } from "./directoryLookup";
import { readInThread } from "./thread";
import { storedMemberships, type DirectoryStore } from "./storedMemberships";

export interface Reading {
  batches: AsyncIterable<Outcome[]>;
  /** The format and what the parser noted, once every batch has been read. */
  finished(): { format: InputFormat; notes: ParseNotes };
}

/**
 * Files from this size on are read on a thread of their own. Starting one (its modules loaded afresh) costs about
 * as much as reading this much here, so smaller files are read here.
 */
export const THREAD_FROM_BYTES = 4 * 1024 * 1024;

/** Records already parsed: a pull's, or a small file's. */
export function readRecords(
  type: SourceType,
  opened: { format: InputFormat; notes: ParseNotes; items: AsyncIterable<Parsed<RecordOf[SourceType]>> },
  source: SourceInput,
  members: MembershipFetch,
): Reading {
  return { batches: outcomeBatches(type, opened.items, source, new DirectoryLookup(members)), finished: () => opened };
}

/** A file's bytes, in the format given or the one its content shows. */
export async function readExport(
  type: SourceType,
  bytes: AsyncIterable<Uint8Array>,
  format: InputFormat | undefined,
  source: SourceInput,
  directory: DirectoryStore,
  threadFromBytes = THREAD_FROM_BYTES,
): Promise<Reading> {
  // The first bytes tell a small file from a large one; the reader gets them back in front of the rest.
  const iterator = bytes[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < threadFromBytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  if (ended) return readRecords(type, await openExport(type, all(), format), source, storedMemberships(directory.sql, directory.secret));
  return readInThread({ type, format, source, directory: { url: directory.url, secret: directory.secret } }, all());
}

export type { MembershipFetch } from "./directoryLookup";
export { storedMemberships, type DirectoryStore } from "./storedMemberships";
