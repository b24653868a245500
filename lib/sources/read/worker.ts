// The reading worker (started by ./inWorker.ts): decodes, parses and derives a file that the importing thread hands
// over piece by piece as it asks for them, and hands back outcomes in batches, so parsing the next batch runs on the
// other core while the importing thread stores the previous one.
import { parentPort, workerData } from "node:worker_threads";
import type { Membership } from "@/lib/db/queries/readDirectoryMembers";
import { UserFacingError } from "@/lib/errors";
import { openExport } from "../formats";
import { outcomeBatches } from "./batches";
import { DirectoryLookup } from "./directoryLookup";
import type { FromWorker, ReadTask, ToWorker } from "./messages";

const port = parentPort!;
const task = workerData as ReadTask;
const say = (message: FromWorker) => port.postMessage(message);

let nextPiece: ((message: ToWorker) => void) | null = null;
const lookups = new Map<number, (members: Membership[]) => void>();
port.on("message", (message: ToWorker) => {
  if (message.kind === "members") {
    lookups.get(message.id)!(message.members);
    lookups.delete(message.id);
  } else nextPiece!(message);
});

/** The file, one piece per request: the importing thread reads no further ahead than the worker asks. */
async function* pieces(): AsyncGenerator<Uint8Array> {
  for (;;) {
    const message = await new Promise<ToWorker>((resolve) => {
      nextPiece = resolve;
      say({ kind: "pull" });
    });
    if (message.kind !== "chunk") return;
    yield message.chunk;
  }
}

let lookupId = 0;
const membersOf = (persons: string[]) =>
  new Promise<Membership[]>((resolve) => {
    lookups.set(++lookupId, resolve);
    say({ kind: "members", id: lookupId, persons });
  });

async function read(): Promise<void> {
  try {
    const opened = await openExport(task.type, pieces(), task.format);
    for await (const outcomes of outcomeBatches(task.type, opened.items, task.source, new DirectoryLookup(membersOf, task.secret))) say({ kind: "batch", outcomes });
    say({ kind: "done", format: opened.format, notes: opened.notes });
  } catch (error) {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    say({ kind: "failed", message, userFacing: error instanceof UserFacingError, stack });
  }
}

void read();
