// Reads a file in the reading worker (./worker.ts) while the caller stores what it has derived so far: the import
// takes the longer of reading and storing rather than their sum. The worker asks for the file piece by piece and
// is given the next piece only while fewer than QUEUED batches of outcomes wait here, so memory stays bounded
// whatever the file's size and however slow storing is. Batches arrive in the file's order; an error in the worker
// arrives after the batches before it, as the same error (a UserFacingError stays one, with its message).
// Only callers that run from the sources use it (today the benchmark's --read-in worker): they hand it to
// importFromSource, which otherwise reads in its own thread, so neither the worker nor esbuild enters the Next.js
// server's bundle.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import { UserFacingError } from "@/lib/errors";
import type { MembersOf } from "./directoryLookup";
import type { Outcome } from "./batches";
import type { FromWorker, ReadTask, ToWorker } from "./messages";
import type { Reading } from ".";

let bundled: Promise<string> | null = null;

/**
 * The worker's code, bundled once per process with esbuild (tsx's compiler) into one script: started through tsx's
 * loader, the worker took seconds to load date-fns and zod module by module, longer than reading a 20,000-record file.
 */
function workerCode(): Promise<string> {
  bundled ??= build({
    entryPoints: [path.join(path.dirname(fileURLToPath(import.meta.url)), "worker.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    logLevel: "silent",
  }).then((result) => result.outputFiles[0]!.text);
  return bundled;
}

/**
 * Batches of outcomes (500 records each) read ahead at most: 20 batches, 10,000 records, about 15,000 events and a
 * few megabytes. More than the caller stores at once (10,000 events), so the worker reads the whole next store's
 * worth while one is stored; with 4, it stopped after 2,000 records and the two threads mostly took turns.
 */
const QUEUED = 20;

function rebuilt(message: Extract<FromWorker, { kind: "failed" }>): Error {
  const error = message.userFacing ? new UserFacingError(message.message) : new Error(message.message);
  if (message.stack) error.stack = message.stack;
  return error;
}

export type ReadInWorker = typeof readInWorker;

export async function readInWorker(task: ReadTask, bytes: AsyncIterable<Uint8Array>, membersOf: MembersOf): Promise<Reading> {
  const worker = new Worker(await workerCode(), { eval: true, workerData: task });
  const tell = (message: ToWorker) => worker.postMessage(message);
  const file = bytes[Symbol.asyncIterator]();
  const queue: Outcome[][] = [];
  let finished: Extract<FromWorker, { kind: "done" }> | null = null;
  let failure: Error | null = null;
  let pulled = false;
  let wake: (() => void) | null = null;
  const changed = () => {
    wake?.();
    wake = null;
  };
  const fail = (error: unknown) => {
    failure ??= error instanceof Error ? error : new Error(String(error));
    changed();
  };
  const servePull = () => {
    pulled = false;
    file.next().then((next) => tell(next.done ? { kind: "end" } : { kind: "chunk", chunk: next.value }), fail);
  };

  worker.on("message", (message: FromWorker) => {
    switch (message.kind) {
      case "pull":
        pulled = true;
        if (queue.length < QUEUED) servePull();
        return;
      case "members":
        membersOf(message.persons).then((members) => tell({ kind: "members", id: message.id, members }), fail);
        return;
      case "batch":
        queue.push(message.outcomes);
        break;
      case "done":
        finished = message;
        break;
      case "failed":
        fail(rebuilt(message));
        return;
    }
    changed();
  });
  worker.on("error", fail);
  worker.on("exit", (code) => {
    if (!finished) fail(new Error(`the reading worker stopped (exit code ${code}) before the end of the file`));
  });

  async function* batches(): AsyncGenerator<Outcome[]> {
    try {
      for (;;) {
        const outcomes = queue.shift();
        if (outcomes) {
          if (pulled && queue.length < QUEUED) servePull();
          yield outcomes;
        } else if (failure) throw failure;
        else if (finished) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      await worker.terminate();
      // A file left unread (the import failed) is closed.
      await file.return?.();
    }
  }

  return {
    batches: batches(),
    finished: () => {
      if (!finished) throw new Error("the file has not been read to its end");
      return { format: finished.format, notes: finished.notes };
    },
  };
}
