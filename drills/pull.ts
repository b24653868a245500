// Pull drill: `tollgate pull` reads a week of Purview records from the local Microsoft 365 stand-in and is killed with
// SIGKILL half-way, once some of its events are committed and not all. A second puller is refused while the dead
// run's lease lives; once it expires, the next run resumes from the last committed watermark. In the end every event
// the records derive is stored exactly once, the rollups equal a rebuild, and the watermark is committed.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import type { Dialect } from "@/lib/db/dialect";
import { openDatabase, type Database } from "@/lib/db/database";
import { createDatabase } from "@/lib/db/throwaway";
import { readSourcePulls } from "@/lib/db/queries/readSourcePulls";
import { buildDemoProgram } from "@/lib/demo/program";
import { buildM365Sample } from "@/lib/sources/samples/story";
import { sampleProgram } from "@/lib/sources/samples/files";
import { managementJson, peopleCsv } from "@/lib/sources/samples/render";
import { PULL_LEASE_MS } from "@/lib/sources/pull/jobs";
import { blobsOf, startM365StandIn } from "@/lib/testing/m365StandIn";
import { runTollgate, TOLLGATE_BIN } from "@/lib/testing/server";
import { cleanupMark, log, onCleanup, sleep, tempFile, unwindCleanups, type DrillRun, type Figures } from "./context";
import { rollupsAgainstRebuild, storedIds } from "./checks";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** "N new" of an import summary the command line printed. */
const newEvents = (output: string) => Number(/([\d,]+) new, [\d,]+ already imported/.exec(output)?.[1]?.replace(/,/g, "") ?? NaN);

export async function pullDrill(run: DrillRun, dialect: Dialect, figures: Figures): Promise<void> {
  const mark = cleanupMark();
  try {
    const { records } = run.options.sizes.pull;
    const end = new Date(Math.floor(Date.now() / HOUR) * HOUR - HOUR);
    const sample = buildM365Sample({ records, weeks: 1, end, seed: run.options.seed });
    const standIn = await startM365StandIn();
    onCleanup(() => standIn.close());
    // Six days: all of it inside the seven days the API keeps, however long the drill takes.
    standIn.blobs = blobsOf(sample.purview).filter((blob) => blob.contentCreated.getTime() > Date.now() - 6 * DAY && blob.contentCreated.getTime() < Date.now());
    standIn.faults.blobDelayMs = run.options.sizes.pull.blobDelayMs;
    standIn.faults.listing429 = 3;

    const database = await createDatabase(dialect, `tollgate_drill_${run.runId}_pull`, { tempDir: run.tempDir, postgresAdminUrl: run.options.postgresAdminUrl });
    onCleanup(() => database.drop());
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...standIn.env,
      DATABASE_URL: database.url,
      TOLLGATE_DEMO: "0",
      TOLLGATE_TIMEZONE: run.timezone,
      TOLLGATE_ACTOR_SECRET_FILE: path.join(run.tempDir, `actor-secret-pull-${dialect}`),
      CHECKPOINT_DISABLE: "1",
    };
    const program = sampleProgram(sample);
    const programFile = tempFile(run, `pull-program-${dialect}.json`);
    const purview = { ...program.sources.find((s) => s.key === "purview")!, pull: { every: "15m" } };
    fs.writeFileSync(programFile, JSON.stringify({ ...buildDemoProgram(run.end), sources: [purview], directory: program.directory }));
    const peopleFile = tempFile(run, `pull-people-${dialect}.csv`);
    fs.writeFileSync(peopleFile, [...peopleCsv(sample.people, sample.departments)].join(""));
    await runTollgate(["apply", "-f", programFile], env);
    await runTollgate(["directory", "import", peopleFile, "--cohort-from", "department"], env);

    const db: Database = openDatabase(database.url);
    onCleanup(() => db.close());
    const listed = standIn.blobs.flatMap((blob) => blob.records as Record<string, unknown>[]);
    // What the same records derive as a file, by a dry run of the file import (it stores nothing).
    const listedFile = tempFile(run, `pull-listed-${dialect}.json`);
    fs.writeFileSync(listedFile, [...managementJson(listed)].join(""));
    const expected = newEvents(await runTollgate(["import", "--source", "purview", listedFile, "--dry-run"], env));
    const storedNow = async () => (await storedIds(db, `"id" LIKE 'm365:%'`)).rows;

    // The first puller, killed once some of its events are committed.
    const started = Date.now();
    const child = spawn(process.execPath, [TOLLGATE_BIN, "pull", "--source", "purview"], { env, stdio: "ignore" });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    let partial = 0;
    while (partial === 0 && Date.now() - started < 120_000 && child.exitCode === null) {
      await sleep(50);
      partial = await storedNow();
    }
    child.kill("SIGKILL");
    await exited;
    const killedAt = Date.now();
    partial = await storedNow();
    log(`  pull: killed the puller (pid ${child.pid}) with ${partial} of ${expected} events stored`);

    // While the dead run's lease lives, a second puller is refused; then it resumes.
    let refusals = 0;
    let output = "";
    for (;;) {
      try {
        output = await runTollgate(["pull", "--source", "purview"], env);
        break;
      } catch (error) {
        if (!/Another process is pulling purview/.test((error as Error).message) || Date.now() - killedAt > PULL_LEASE_MS * 3) throw error;
        refusals++;
        await sleep(2000);
      }
    }
    const resumedAfter = (Date.now() - killedAt) / 1000;
    const resumed = newEvents(output);

    const final = await storedIds(db, `"id" LIKE 'm365:%'`);
    const rollups = await rollupsAgainstRebuild(db);
    const state = (await readSourcePulls(db.sql, "purview")).get("purview");
    const history = await db.sql.query<{ finishedAt: unknown }>(`SELECT "finishedAt" FROM "SourceImport" WHERE "source" = 'purview' ORDER BY "startedAt"`);

    figures.add("records served by the stand-in", listed.length);
    figures.add("events the records derive", expected);
    figures.add("events stored when the puller was killed", partial);
    figures.add("second pullers refused while the lease lived", refusals);
    figures.add("kill → resumed run finished, s", resumedAfter);
    figures.add("events the resumed run added", resumed);
    figures.check("the kill fell half-way (some events stored, not all)", partial > 0 && partial < expected, `${partial} of ${expected}`);
    figures.check("the dead run's lease kept a second puller out, then expired", refusals > 0 && resumedAfter < (PULL_LEASE_MS * 3) / 1000);
    figures.check("every derived event is stored", final.ids.size === expected, `${final.ids.size} of ${expected}`);
    figures.check("nothing is doubled", final.duplicated === 0 && final.rows === final.ids.size && resumed === expected - partial, `resumed added ${resumed}; expected ${expected - partial}`);
    figures.check("the rollups equal a rebuild from the raw events", rollups.mismatched === 0, rollups.details.slice(0, 5).join("\n"));
    figures.check("the watermark is committed by the run that finished", state?.lastOutcome === "ok" && state.watermark !== null && state.watermark.getTime() > killedAt - 60_000);
    figures.check("the history shows the killed run unfinished and the resumed one finished", history.length === 2 && history[0]!.finishedAt === null && history[1]!.finishedAt !== null);
  } finally {
    await unwindCleanups(mark);
  }
}
