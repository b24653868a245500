// The worker thread's side of ./thread.ts: the same reading as in-process (openExport → outcomeBatches), with the
// bytes read from the file or sent by the importing thread, and the directory read on a connection of its own.
import fs from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { UserFacingError } from "@/lib/errors";
import { openExport } from "../formats";
import { outcomeBatches } from "./batches";
import { ByteTap } from "./byteTap";
import { DirectoryLookup } from "./directoryLookup";
import { ownMemberships } from "./storedMemberships";
import { BATCHES_AHEAD, type FromReader, type ReaderSetup, type ToReader } from "./thread";

const port = parentPort!;
const setup = workerData as ReaderSetup;
const send = (message: FromReader) => port.postMessage(message);

/** A stream's bytes sent by the importing thread, then null at its end, or "broken" where it failed. */
const chunks: (Uint8Array | null | "broken")[] = [];
let taken = 0;
// One chain of awaits runs here (read → derive → send), so one waiter at a time.
let wake: (() => void) | null = null;
const changed = () => new Promise<void>((resolve) => (wake = resolve));

port.on("message", (message: ToReader) => {
  if (message.kind === "bytes") chunks.push(message.chunk);
  else if (message.kind === "end") chunks.push(null);
  else if (message.kind === "broken") chunks.push("broken");
  else taken++;
  wake?.();
  wake = null;
});

/** Where the input failed; the importing side throws the input's own error in its place. */
class InputBroken extends Error {}

async function* sent(): AsyncGenerator<Uint8Array> {
  for (;;) {
    while (chunks.length === 0) await changed();
    const chunk = chunks.shift()!;
    if (chunk === null) return;
    if (chunk === "broken") throw new InputBroken();
    send({ kind: "consumed", bytes: chunk.length });
    yield chunk;
  }
}

async function read() {
  const members = ownMemberships(setup.directory);
  const tap = new ByteTap();
  let opened: Awaited<ReturnType<typeof openExport>>;
  try {
    const input = setup.file ? fs.createReadStream(setup.file, { highWaterMark: 256 * 1024 }) : sent();
    opened = await openExport(setup.type, tap.through(input), setup.format);
    let batches = 0;
    for await (const batch of outcomeBatches(setup.type, opened.items, setup.source, new DirectoryLookup(members.fetch))) {
      send({ kind: "outcomes", batch, bytesRead: tap.bytesRead() });
      batches++;
      while (batches - taken >= BATCHES_AHEAD) await changed();
    }
  } finally {
    // Before the last message: the importing side ends the thread once it has it, which would cut the connection.
    await members.close();
  }
  send({ kind: "finished", format: opened.format, notes: opened.notes, digest: tap.digest() });
}

read().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  send({ kind: "failed", message, stack, userFacing: error instanceof UserFacingError, inputBroken: error instanceof InputBroken });
});
