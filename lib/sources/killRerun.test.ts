// `tollgate import --source` killed with SIGKILL half-way, then run again: nothing lost, nothing doubled, on both
// databases. The command runs as a user runs it, in its own process.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { buildDemoProgram } from "@/lib/demo/program";
import type { Database } from "@/lib/db/database";
import { buildM365Sample } from "./samples/story";
import { sampleProgram } from "./samples/files";
import { peopleCsv, purviewPortalCsv } from "./samples/render";
import { importDirectory } from "./directory";
import { importFromSource } from "./importExport";

const END = new Date(Date.UTC(2026, 10, 30));
const sample = buildM365Sample({ records: 12_000, end: END, seed: 3 });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-kill-"));
const file = path.join(dir, "purview-portal.csv");
fs.writeFileSync(file, [...purviewPortalCsv(sample.purview)].join(""));
const BIN = path.resolve(import.meta.dirname, "..", "..", "bin", "tollgate.mjs");

const stored = async (db: Database) => Number((await db.sql.query<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "Event" WHERE "id" LIKE 'm365:%'`))[0]!.n);

describeEachDatabase("an import killed half-way", (database) => {
  beforeAll(async () => {
    await applyProgram(database(), { ...buildDemoProgram(END), ...sampleProgram(sample) }, testActor);
    const people = (async function* () {
      yield [...peopleCsv(sample.people, sample.departments)].join("");
    })();
    await importDirectory(database(), people, { cohortFrom: "department", actor: testActor });
  });

  it("keeps what it stored, and a rerun stores the rest exactly once", async () => {
    const db = database();
    const expected = (await importFromSource(db, { source: "purview", bytes: fs.createReadStream(file), fileName: "f", dryRun: true, actor: testActor })).counts.new;
    const child = spawn(process.execPath, [BIN, "import", "--source", "purview", file], {
      env: { ...process.env, DATABASE_URL: db.url, TOLLGATE_ACTOR_SECRET: "test-secret", TOLLGATE_TIMEZONE: "UTC" },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    // Kill it once some of the file's events are stored, and not all.
    let partial = 0;
    for (let waited = 0; waited < 120_000 && partial === 0; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      partial = await stored(db);
    }
    child.kill("SIGKILL");
    await exited;
    partial = await stored(db);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(expected);

    const rerun = await importFromSource(db, { source: "purview", bytes: fs.createReadStream(file), fileName: "f", actor: testActor });
    expect(rerun.counts).toMatchObject({ new: expected - partial, alreadyImported: partial, errors: 0 });
    expect(await stored(db)).toBe(expected);
    // The rollups count every event once: outputs in the rollups equal stored outputs.
    const [rollup] = await db.sql.query<{ n: number | string }>(`SELECT SUM("outputs") AS "n" FROM "DailyRollup" WHERE "workflow" IN ('invoice-coding', 'meeting-followups')`);
    const [events] = await db.sql.query<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "Event" WHERE "type" = 'output' AND "workflow" IN ('invoice-coding', 'meeting-followups')`);
    expect(Number(rollup!.n)).toBe(Number(events!.n));
  }, 300_000);
});
