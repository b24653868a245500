import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { EVENT_COLUMNS } from "@/lib/ingest/groupCommit";
import { insertRaw, rawBatchEncoder } from "./rawInsert";
import { batchSource, BATCH_SIZE } from "./workload";

const workload = { seed: 7, events: BATCH_SIZE + 20, end: new Date("2026-11-30T00:00:00Z") };

it("encodes one value per stored column of every event, for both dialects (the yardstick writes the rows ingestion writes)", () => {
  for (const dialect of ["sqlite", "postgres"] as const) {
    const source = batchSource(workload, rawBatchEncoder({ dialect, timezone: "UTC", actorSecret: "s" }), "rows");
    for (let batch = source.next(); batch; batch = source.next()) expect(batch.values).toHaveLength(batch.count * EVENT_COLUMNS.length);
  }
});

it("inserts every row of a full and a short batch into SQLite", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-raw-"));
  try {
    const source = batchSource(workload, rawBatchEncoder({ dialect: "sqlite", timezone: "UTC", actorSecret: "s" }), "rows");
    expect(await insertRaw("sqlite", path.join(dir, "raw.db"), source, workload.events)).toMatchObject({ events: workload.events, transactions: 2 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
