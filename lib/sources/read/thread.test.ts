// Reading on a thread of its own: bounded both ways (bytes ahead, batches ahead), a parser's refusal arriving as the
// same user-facing error, and a broken input ending the thread. The same outcome as in-process, with the directory
// read on the thread's own connection, is checked by lib/sources/importExport.test.ts, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserFacingError } from "@/lib/errors";
import { createTestDatabase, TEST_ACTOR_SECRET, type TestDatabase } from "@/lib/testing/databases";
import { sourceSchema } from "@/lib/contract/sources";
import { buildM365Sample } from "../samples/story";
import { sampleProgram } from "../samples/files";
import { managementNdjson } from "../samples/render";
import type { Outcome } from "./batches";
import { BATCHES_AHEAD, BYTES_AHEAD, readInThread, type ReaderSetup } from "./thread";

const END = new Date("2026-11-30T00:00:00Z");
const sample = buildM365Sample({ records: 2000, end: END });
const source = sourceSchema.parse(sampleProgram(sample).sources.find((s) => s.type === "purview-audit"));
const ndjson = Buffer.from([...managementNdjson(sample.purview)].join(""), "utf8");
// An empty directory: these tests are about the thread's bounds and errors, not its lookups.
let store: TestDatabase;
let setup: ReaderSetup;
beforeAll(async () => {
  store = await createTestDatabase("sqlite");
  setup = { type: "purview-audit", format: undefined, source, directory: { url: store.url, secret: TEST_ACTOR_SECRET } };
});
afterAll(() => store.drop());

/** The file `times` over in chunks of 64 KiB, counting the bytes handed out. */
function input(times: number, failAt = Infinity) {
  const read = { bytes: 0 };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let copy = 0; copy < times; copy++) {
      for (let at = 0; at < ndjson.length; at += 65_536) {
        if (read.bytes >= failAt) throw new Error("connection lost");
        const chunk = ndjson.subarray(at, at + 65_536);
        read.bytes += chunk.length;
        yield chunk;
      }
    }
  }
  return { read, chunks: chunks() };
}

const records = (batches: Outcome[][]) => batches.reduce((n, batch) => n + batch.length, 0);

describe("reading on a thread", () => {
  it("reads no further ahead of its caller than its bounds, then reads everything", async () => {
    const times = 16;
    const { read, chunks } = input(times);
    const reading = readInThread(setup, chunks);
    const iterator = reading.batches[Symbol.asyncIterator]();
    const taken: Outcome[][] = [(await iterator.next()).value as Outcome[]];
    // The caller stops taking batches: the thread fills its window of batches and of bytes, then waits.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const perRecord = ndjson.length / sample.purview.length;
    const bound = BYTES_AHEAD + (BATCHES_AHEAD + 2) * 500 * perRecord + 2 * 65_536;
    expect(read.bytes).toBeLessThan(bound);
    expect(read.bytes).toBeLessThan(ndjson.length * times);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) taken.push(next.value);
    expect(records(taken)).toBe(sample.purview.length * times);
    expect(taken.flat().every((outcome) => "skip" in outcome || "events" in outcome)).toBe(true);
    expect(reading.finished()).toMatchObject({ format: "ndjson", notes: { variants: new Set(["Management Activity API records"]) } });
  }, 60_000);

  it("hands a parser's refusal over as the same user-facing error", async () => {
    const reading = readInThread({ ...setup, format: "csv" }, (async function* () {
      yield Buffer.from("a,b\n1,2\n");
    })());
    const error = await (async () => {
      for await (const batch of reading.batches) void batch;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as Error).message).toBe("The CSV header has no AuditData column (it has a, b): is it a Purview audit export?");
  });

  it("ends with the input's own error when the input breaks", async () => {
    const { chunks } = input(3, ndjson.length);
    const reading = readInThread(setup, chunks);
    await expect(
      (async () => {
        for await (const batch of reading.batches) void batch;
      })(),
    ).rejects.toThrow("connection lost");
  });
});
