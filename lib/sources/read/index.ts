// Reading an export for an import: a file's bytes or a pull's parsed records, turned into outcomes (an event list,
// a skip or an error per record) in the file's order, batch by batch (./batches.ts). A large file is read on a
// thread of its own (./thread.ts), a small one here.
import fs from "node:fs";
import type { SourceInput } from "@/lib/contract/sources";
import type { InputFormat, SourceType } from "@/lib/contract/vocabulary";
import { openExport, type ParseNotes, type Parsed, type RecordOf } from "../formats";
import { outcomeBatches, type Outcome } from "./batches";
import { ByteTap, type Digest, type Measure } from "./byteTap";
import { DirectoryLookup } from "./directoryLookup";
import { readInThread } from "./thread";
import { storedMemberships, type DirectoryStore } from "./storedMemberships";

export interface Reading {
  batches: AsyncIterable<Outcome[]>;
  /** Bytes read so far: the import's progress. */
  bytesRead(): number;
  /** The format, what the parser noted and the input's digest, once every batch has been read. */
  finished(): { format: InputFormat; notes: ParseNotes; digest: Digest };
}

/** An export's bytes as a stream, or as a file on this machine, which a reading thread opens itself. */
export type ExportInput = { stream: AsyncIterable<Uint8Array | string> } | { file: string };

/**
 * Files from this size on are read on a thread of their own. Starting one (its modules loaded afresh) costs about
 * as much as reading this much here, so smaller files are read here.
 */
export const THREAD_FROM_BYTES = 4 * 1024 * 1024;

/** Records already parsed: a pull's, or a small file's; `measure` says how much of the input was read. */
export function readRecords(
  type: SourceType,
  opened: { format: InputFormat; notes: ParseNotes; items: AsyncIterable<Parsed<RecordOf[SourceType]>> },
  source: SourceInput,
  directory: Pick<DirectoryStore, "sql" | "secret">,
  measure: Measure,
): Reading {
  return {
    batches: outcomeBatches(type, opened.items, source, new DirectoryLookup(storedMemberships(directory.sql, directory.secret))),
    bytesRead: () => measure.bytesRead(),
    finished: () => ({ format: opened.format, notes: opened.notes, digest: measure.digest() }),
  };
}

/** A file's bytes, in the format given or the one its content shows. */
export async function readExport(
  type: SourceType,
  input: ExportInput,
  format: InputFormat | undefined,
  source: SourceInput,
  directory: DirectoryStore,
  threadFromBytes = THREAD_FROM_BYTES,
): Promise<Reading> {
  const thread = { type, format, source, directory: { url: directory.url, secret: directory.secret } };
  if ("file" in input) {
    if (fs.statSync(input.file).size >= threadFromBytes) return readInThread({ ...thread, file: input.file });
    return readHere(type, fs.createReadStream(input.file), format, source, directory);
  }
  // The first bytes of a stream tell a small input from a large one; the reader gets them back in front of the rest.
  const iterator = input.stream[Symbol.asyncIterator]();
  const head: (Uint8Array | string)[] = [];
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
  async function* all(): AsyncGenerator<Uint8Array | string> {
    yield* head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  if (ended) return readHere(type, all(), format, source, directory);
  return readInThread(thread, all());
}

async function readHere(type: SourceType, bytes: AsyncIterable<Uint8Array | string>, format: InputFormat | undefined, source: SourceInput, directory: DirectoryStore): Promise<Reading> {
  const tap = new ByteTap();
  return readRecords(type, await openExport(type, tap.through(bytes), format), source, directory, tap);
}

export type { DirectoryStore } from "./storedMemberships";
export type { Digest, Measure } from "./byteTap";
