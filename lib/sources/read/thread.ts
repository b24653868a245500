// A large file's reading half (parse, directory lookups, derive: ./batches.ts) on a worker thread of its own, so an
// import parses the next records on one core while the caller stores the last ones on the other. The thread reads
// a file itself, or is sent a stream's bytes by this side; it looks people up on a connection of its own and hands
// back outcome batches. Both directions are bounded (bytes sent ahead, batches ahead), so a 1 GB file is never held.
import { Worker } from "node:worker_threads";
import type { SourceInput } from "@/lib/contract/sources";
import type { InputFormat, SourceType } from "@/lib/contract/vocabulary";
import { UserFacingError } from "@/lib/errors";
import type { ParseNotes } from "../formats";
import type { Outcome } from "./batches";
import type { Digest } from "./byteTap";
import type { DirectoryStore } from "./storedMemberships";
import type { Reading } from "./index";

export interface ReaderSetup {
  type: SourceType;
  format: InputFormat | undefined;
  source: SourceInput;
  /**
   * The thread's own connection to the directory. Asking this side instead stalled the thread: SQLite's store
   * holds this side's event loop through every write group, so a lookup waited for the group to commit (100,000
   * Purview records: 3.8 s of the thread's 7.9 s spent waiting for answers).
   */
  directory: Pick<DirectoryStore, "url" | "secret">;
  /**
   * A file the thread reads itself. Sent by this side, the bytes stalled the thread as the lookups had: a read
   * completes on this side's event loop, which SQLite's store holds (2.4 s of waiting per 100,000 records).
   */
  file?: string;
}

/** What this side sends the thread. */
export type ToReader =
  | { kind: "bytes"; chunk: Uint8Array }
  | { kind: "end" }
  /** The input failed here: the thread reads what came before, then stops. */
  | { kind: "broken" }
  /** The caller took one more batch. */
  | { kind: "taken" };

/** What the thread sends back. */
export type FromReader =
  | { kind: "consumed"; bytes: number }
  | { kind: "outcomes"; batch: Outcome[]; bytesRead: number }
  | { kind: "finished"; format: InputFormat; notes: ParseNotes; digest: Digest }
  | { kind: "failed"; message: string; stack: string | undefined; userFacing: boolean; inputBroken: boolean };

/** A stream's bytes sent and not yet parsed, at most: about 5,000 Purview records. */
export const BYTES_AHEAD = 8 * 1024 * 1024;
/**
 * Outcome batches (500 records each) the thread may be ahead of the caller. Every batch ahead is held on this side
 * as objects, which the heap's growth multiplies: 8 rather than 24 lowered the peak RSS of 100,000 Purview records
 * from 474–502 to 460–468 MB at the same rate (12,237–14,683 against 12,996–13,235 records/s).
 */
export const BATCHES_AHEAD = 8;

/**
 * Under Next.js (NEXT_RUNTIME is set) the bundler compiles the entry and the URL names its chunk. Run from the
 * TypeScript sources (the CLI, the bench, the tests), the thread first registers tsx, as bin/tollgate.mjs does for
 * the main thread (a worker does not inherit the main thread's module hooks).
 */
function startReader(setup: ReaderSetup): Worker {
  if (process.env.NEXT_RUNTIME) return new Worker(new URL("./readerThread.ts", import.meta.url), { workerData: setup });
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./readerThread.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: setup });
}

/** Reads setup.file, or the bytes given. */
export function readInThread(setup: ReaderSetup, bytes?: AsyncIterable<Uint8Array | string>): Reading {
  const worker = startReader(setup);
  const input = bytes?.[Symbol.asyncIterator]();
  const batches: Outcome[][] = [];
  let bytesRead = 0;
  let finished: { format: InputFormat; notes: ParseNotes; digest: Digest } | null = null;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  const fail = (error: unknown) => {
    failure ??= error;
    signal();
  };

  let unparsedBytes = 0;
  let inputEnded = !input;
  // The input's own error, thrown once the thread has handed back every record before it, as in-process reading
  // would: what was read before a broken connection is still stored.
  let inputError: unknown = null;
  let pumping = false;
  async function pump() {
    if (pumping) return;
    pumping = true;
    try {
      while (!inputEnded && unparsedBytes < BYTES_AHEAD) {
        const next = await input!.next();
        if (next.done) {
          inputEnded = true;
          worker.postMessage({ kind: "end" } satisfies ToReader);
        } else {
          // A chunk may be a view on a larger buffer (a request body's, a test's), which a message would copy
          // whole: the thread gets a copy of the view alone, moved rather than copied again.
          const chunk = typeof next.value === "string" ? new TextEncoder().encode(next.value) : new Uint8Array(next.value);
          unparsedBytes += chunk.length;
          worker.postMessage({ kind: "bytes", chunk } satisfies ToReader, [chunk.buffer]);
        }
      }
    } catch (error) {
      inputError = error;
      inputEnded = true;
      worker.postMessage({ kind: "broken" } satisfies ToReader);
    } finally {
      pumping = false;
    }
  }

  worker.on("message", (message: FromReader) => {
    switch (message.kind) {
      case "consumed":
        unparsedBytes -= message.bytes;
        void pump();
        return;
      case "outcomes":
        batches.push(message.batch);
        bytesRead = message.bytesRead;
        break;
      case "finished":
        finished = { format: message.format, notes: message.notes, digest: message.digest };
        break;
      case "failed": {
        if (message.inputBroken) {
          fail(inputError);
          return;
        }
        // A parser's message is written for the person importing; anything else is internal and keeps its stack.
        const error = message.userFacing ? new UserFacingError(message.message) : new Error(message.message);
        if (!message.userFacing && message.stack) error.stack = message.stack;
        fail(error);
        return;
      }
    }
    signal();
  });
  worker.on("error", fail);
  worker.on("exit", (code) => {
    if (!finished) fail(new Error(`the import's reading thread stopped before the end of the file (exit code ${code})`));
  });

  async function* outcomes(): AsyncGenerator<Outcome[]> {
    try {
      void pump();
      for (;;) {
        const batch = batches.shift();
        if (batch) {
          worker.postMessage({ kind: "taken" } satisfies ToReader);
          yield batch;
        } else if (failure) throw failure;
        else if (finished) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      // Done, failed, or the caller stopped early (its store failed): the thread has nothing left to do.
      await worker.terminate();
    }
  }

  return {
    batches: outcomes(),
    bytesRead: () => bytesRead,
    finished: () => {
      if (!finished) throw new Error("the file has not been read to its end");
      return finished;
    },
  };
}
