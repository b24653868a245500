// Backup and restore drill: `tollgate backup` while clients keep ingesting, `tollgate restore` into a new database,
// then the metrics of every rollout read from the restored database must equal the source's. The demo rollouts'
// events are all ingested before the backup; the events sent during it go to a workflow of their own, and what the
// backup caught of those must be a consistent snapshot (rollups equal a rebuild from its events).
import type { Dialect } from "@/lib/db/dialect";
import { openDatabase } from "@/lib/db/database";
import { createDatabase } from "@/lib/db/throwaway";
import { demoRolloutPlans, demoWorkflows } from "@/lib/demo/program";
import { metricsReport } from "@/lib/reports/metricsReport";
import { cohortsReport } from "@/lib/reports/cohortsReport";
import { canonicalJson } from "@/lib/scorecards/decisions";
import { addDays, localDay } from "@/lib/time";
import { runTollgate } from "@/lib/testing/server";
import { cleanupMark, deploy, log, onCleanup, sleep, tempFile, unwindCleanups, type DrillRun, type Figures } from "./context";
import { demoBatches, encodeBatch, type EncodedBatch } from "./events";
import { bearer, jsonOf, send, type IngestAnswer } from "./http";
import { rollupsAgainstRebuild, storedIds } from "./checks";
import { eventKey } from "@/lib/ingest/identity";
import { DRILL_COHORTS, DRILL_WORKFLOWS } from "./program";

async function post(baseUrl: string, apiKey: string, batch: EncodedBatch): Promise<void> {
  const answer = await send(`${baseUrl}/api/v1/events`, {
    method: "POST",
    headers: { ...bearer(apiKey), "content-type": "application/json" },
    body: batch.body,
  });
  const result = jsonOf<IngestAnswer>(answer);
  if (answer.status !== 200 || !result || result.accepted !== batch.count) throw new Error(`POST /api/v1/events answered ${answer.status}: ${answer.text.slice(0, 300)}`);
}

/** Events of the backup drill's own workflow, 50 tasks (200 events) per batch. */
function* writerBatches(now: Date): Generator<EncodedBatch> {
  for (let b = 0; ; b++) {
    const events: Record<string, unknown>[] = [];
    for (let t = 0; t < 50; t++) {
      const task = b * 50 + t;
      const common = {
        workflow: DRILL_WORKFLOWS.backup,
        cohort: DRILL_COHORTS[task % 2]!,
        taskId: `bk-task-${task}`,
        occurredAt: new Date(now.getTime() - (task % 20) * 86_400_000 - 60_000).toISOString(),
      };
      events.push(
        { ...common, id: `bk-${task}-o`, type: "output", outputKind: "draft" },
        { ...common, id: `bk-${task}-r`, type: "review", verdict: task % 5 ? "accepted" : "heavy_edit" },
        { ...common, id: `bk-${task}-c`, type: "completion", mode: "agent", durationMs: 1000 + (task % 997) * 100 },
        { ...common, id: `bk-${task}-e`, type: "escalation" },
      );
    }
    yield encodeBatch(events);
  }
}

export async function backupDrill(run: DrillRun, dialect: Dialect, figures: Figures): Promise<void> {
  const sizes = run.options.sizes.backup;
  const mark = cleanupMark();
  try {
    const deployment = await deploy(run, dialect, "backup");
    const { baseUrl, apiKey } = deployment;

    // The known set: demo events for every demo rollout, all acknowledged before the backup.
    const known = demoBatches({ seed: run.options.seed % 100_000, events: sizes.knownEvents, end: run.end, size: 500 });
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = known.next(); !next.done; next = known.next()) await post(baseUrl, apiKey, next.value);
      }),
    );

    // Writers that keep ingesting while the backup runs.
    const writer = writerBatches(new Date());
    const written = { batches: 0, events: 0 };
    let writing = true;
    const writers = Promise.all(
      Array.from({ length: 2 }, async () => {
        while (writing && written.events < sizes.extraEvents) {
          const batch = writer.next().value;
          await post(baseUrl, apiKey, batch);
          written.batches++;
          written.events += batch.count;
        }
      }),
    );
    while (written.batches < 4) await sleep(10);

    const file = tempFile(run, `backup-${dialect}.${dialect === "sqlite" ? "db" : "dump"}`);
    const before = written.events;
    const started = performance.now();
    const output = await deployment.tollgate(["backup", "--out", file]);
    const backupSeconds = (performance.now() - started) / 1000;
    const during = written.events - before;
    writing = false;
    await writers;
    log(`  backup: ${output.trim()}`);

    // Refusals: an existing --out, and a restore over an existing database, need --force.
    const refusedBackup = await deployment.tollgate(["backup", "--out", file]).then(
      () => false,
      (error: Error) => /already exists/.test(error.message),
    );
    await deployment.stop();

    const restored = await createDatabase(dialect, `tollgate_drill_${run.runId}_restored`, { tempDir: run.tempDir, postgresAdminUrl: run.options.postgresAdminUrl });
    onCleanup(() => restored.drop());
    const restoredEnv = { ...deployment.env, DATABASE_URL: restored.url };
    const restoreOutput = await runTollgate(["restore", "--from", file], restoredEnv);
    log(`  backup: ${restoreOutput.trim()}`);
    const refusedRestore = await runTollgate(["restore", "--from", file], restoredEnv).then(
      () => false,
      (error: Error) => /already (exists|holds)/.test(error.message),
    );
    // The restored database opens like any other: migrations are already applied.
    const migrated = await runTollgate(["migrate"], restoredEnv);

    const source = deployment.open();
    const copy = openDatabase(restored.url);
    onCleanup(() => copy.close());
    const to = addDays(localDay(run.end, run.timezone), 1);
    const from = addDays(to, -7 * 14);
    let compared = 0;
    const mismatches: string[] = [];
    for (const { workflow, cohort } of demoRolloutPlans) {
      for (const granularity of ["week", "total"] as const) {
        const query = { workflow, cohort, from, to, granularity };
        const [a, b] = await Promise.all([metricsReport(source, query), metricsReport(copy, query)]);
        compared++;
        if (canonicalJson(a) !== canonicalJson(b)) mismatches.push(`metrics ${workflow}/${cohort} ${granularity}`);
      }
    }
    for (const { key } of demoWorkflows) {
      const [a, b] = await Promise.all([cohortsReport(source, { workflow: key, from, to }), cohortsReport(copy, { workflow: key, from, to })]);
      compared++;
      if (canonicalJson(a) !== canonicalJson(b)) mismatches.push(`cohorts ${key}`);
    }
    const sourceIds = await storedIds(source);
    const copyIds = await storedIds(copy);
    const isWriter = (key: string) => key.startsWith(eventKey({ workflow: DRILL_WORKFLOWS.backup, id: "" }));
    const knownInSource = [...sourceIds.ids].filter((id) => !isWriter(id)).length;
    const knownInCopy = [...copyIds.ids].filter((id) => !isWriter(id)).length;
    const writerInCopy = [...copyIds.ids].filter(isWriter).length;
    const notInSource = [...copyIds.ids].filter((id) => !sourceIds.ids.has(id)).length;
    const consistent = await rollupsAgainstRebuild(copy);

    figures.add("events before the backup", knownInSource);
    figures.add("events ingested while the backup ran", during);
    figures.add("backup time, s", backupSeconds);
    figures.add("method", dialect === "sqlite" ? "SQLite online backup API" : "pg_dump / pg_restore");
    figures.add("events in the backup", copyIds.rows);
    figures.add("… of the concurrent writers", writerInCopy);
    figures.add("reports compared (metrics per rollout, cohorts per workflow)", compared);
    figures.add("reports that differ", mismatches.length);
    figures.add("restored rollup rows that differ from a rebuild", consistent.mismatched);

    figures.check("backup ran while ingestion ran", during > 0 && writerInCopy > 0, `${during} events during, ${writerInCopy} in the backup`);
    figures.check("every event acknowledged before the backup is in it", knownInCopy === knownInSource && writerInCopy >= before, `${knownInCopy}/${knownInSource}, writers ${writerInCopy} ≥ ${before}`);
    figures.check("the backup holds only stored events", notInSource === 0);
    figures.check("restored metrics equal the source's", mismatches.length === 0, mismatches.slice(0, 5).join("\n"));
    figures.check("the backup is a consistent snapshot (rollups equal a rebuild)", consistent.mismatched === 0, consistent.details.join("\n"));
    figures.check("backup refuses an existing file without --force", refusedBackup);
    figures.check("restore refuses an existing database without --force", refusedRestore);
    figures.check("restored database opens and migrates", /up to date/.test(migrated), migrated.trim());
  } finally {
    await unwindCleanups(mark);
  }
}
