// Instances drill (Postgres): two servers on one database, as behind a load balancer. Clients are spread over both
// and move to the other server when theirs stops answering, as a load balancer would send them. It checks what must
// hold across instances, which lives in the database: the same ids posted to both at once are stored once; one
// instance SIGKILLed three times mid-stream while the other serves loses and doubles nothing; one key's rate limit
// over both together stays within 10% of its rate plus burst; the daily retention job runs once across both.
import type { Dialect } from "@/lib/db/dialect";
import { readJob } from "@/lib/db/queries/readJob";
import { countAuditRecords } from "@/lib/db/queries/countAuditRecords";
import { mulberry32 } from "@/lib/random";
import { freePort, spawnServer, type ServerProcess } from "@/lib/testing/server";
import { cleanupMark, deploy, log, onCleanup, sleep, unwindCleanups, type Deployment, type DrillRun, type Figures } from "./context";
import { demoBatches, encodeBatch, type EncodedBatch } from "./events";
import { bearer, jsonOf, send, type IngestAnswer } from "./http";
import { rollupsAgainstRebuild, storedIds } from "./checks";

/** The ingestion limit of every key in this drill: requests per second, and the burst (twice the rate, the default). */
const RATE = 50;
const BURST = 2 * RATE;
/** The retention job's first look comes a minute after a server starts (lib/retention/job.ts). */
const RETENTION_FIRST_LOOK_MS = 60_000;

interface Instance {
  name: string;
  baseUrl: string;
  server(): ServerProcess;
  /** When its server last became ready. */
  startedAt: number;
  up: boolean;
}

/** The second server on the deployment's database: same environment (database, actor secret), its own port. */
async function secondInstance(run: DrillRun, deployment: Deployment): Promise<{ instance: Instance; restart(): Promise<void> }> {
  const port = await freePort();
  const spawn = () => spawnServer({ port, env: deployment.env, args: run.startArgs, log: () => undefined });
  let server = spawn();
  onCleanup(() => server.stop());
  await server.ready;
  const instance: Instance = { name: "B", baseUrl: `http://127.0.0.1:${port}`, server: () => server, startedAt: Date.now(), up: true };
  return {
    instance,
    async restart() {
      server = spawn();
      await server.ready;
    },
  };
}

export async function instancesDrill(run: DrillRun, dialect: Dialect, figures: Figures): Promise<void> {
  const sizes = run.options.sizes.instances;
  const mark = cleanupMark();
  try {
    const deployment = await deploy(run, dialect, "instances", { env: { TOLLGATE_INGEST_RATE: String(RATE), TOLLGATE_RETENTION_JOB: "1" } });
    const a: Instance = { name: "A", baseUrl: deployment.baseUrl, server: () => deployment.server, startedAt: Date.now(), up: true };
    const { instance: b } = await secondInstance(run, deployment);
    const instances = [a, b];
    const headers = { ...bearer(deployment.apiKey), "content-type": "application/json" };
    const random = mulberry32(run.options.seed ^ 0x1257_a9c3);

    // 1. The same batches posted to both servers at the same moment.
    let racedAccepted = 0;
    const raced = [...demoBatches({ seed: (run.options.seed + 17) % 100_000, events: sizes.racedEvents, end: run.end, size: 200, idPrefix: "race-" })];
    for (const batch of raced) {
      const answers = await Promise.all(instances.map((i) => send(`${i.baseUrl}/api/v1/events`, { method: "POST", headers, body: batch.body, timeoutMs: 60_000 })));
      for (const answer of answers) {
        const result = answer.status === 200 ? jsonOf<IngestAnswer>(answer) : undefined;
        if (!result || result.accepted + result.duplicates !== batch.count) throw new Error(`a raced batch answered ${answer.status}: ${answer.text.slice(0, 300)}`);
        racedAccepted += result.accepted;
      }
    }
    const racedEvents = raced.reduce((n, batch) => n + batch.count, 0);

    // 2. A stream over both while A is SIGKILLed three times.
    const sent = new Set<string>(raced.flatMap((batch) => batch.ids));
    const acknowledged = new Set<string>(sent);
    const totals = { requests: 0, moved: 0, tooMany: 0, ackedByA: 0, ackedByB: 0, ackedByBWhileADown: 0, kills: 0 };
    let ackedEvents = 0;
    let done = false;
    let failure: Error | null = null;
    const batches = demoBatches({ seed: run.options.seed % 100_000, events: sizes.events, end: run.end, size: sizes.batch });

    async function post(batch: EncodedBatch, prefer: number): Promise<void> {
      batch.ids.forEach((id) => sent.add(id));
      let at = prefer;
      for (;;) {
        const instance = instances[at % 2]!;
        totals.requests++;
        try {
          const answer = await send(`${instance.baseUrl}/api/v1/events`, { method: "POST", headers, body: batch.body, timeoutMs: 60_000 });
          if (answer.status === 200) {
            const result = jsonOf<IngestAnswer>(answer);
            if (!result || result.accepted + result.duplicates !== batch.count || result.rejected.length > 0) throw new Error(`an acknowledgement that does not cover the batch: ${answer.text.slice(0, 300)}`);
            batch.ids.forEach((id) => acknowledged.add(id));
            ackedEvents += batch.count;
            if (instance === a) totals.ackedByA++;
            if (instance === b) totals.ackedByB++;
            if (instance === b && !a.up) totals.ackedByBWhileADown++;
            return;
          }
          if (answer.status === 429) {
            totals.tooMany++;
            await sleep(1000 * Number(answer.headers.get("retry-after") ?? 1));
            continue;
          }
          if (answer.status < 500) throw new Error(`POST /api/v1/events answered ${answer.status}: ${answer.text.slice(0, 300)}`);
        } catch (error) {
          if (error instanceof Error && /answered|acknowledgement/.test(error.message)) throw error;
        }
        // Not answered: the load balancer sends the retry to the other server.
        totals.moved++;
        at++;
        await sleep(20 + 80 * random());
      }
    }

    async function client(index: number): Promise<void> {
      try {
        for (let next = batches.next(); !next.done && !failure; next = batches.next()) await post(next.value, index);
      } catch (error) {
        failure ??= error as Error;
      }
    }

    let ackedByAAtStart = 0;
    async function killer(): Promise<void> {
      for (let kill = 1; kill <= 3; kill++) {
        // Early in the stream (B carries it alone while A restarts), and only once the restarted A has served.
        const threshold = Math.floor((sizes.events * kill) / 10);
        while (!done && !failure && (ackedEvents < threshold || totals.ackedByA === ackedByAAtStart)) await sleep(5);
        if (done || failure) throw new Error(`the stream ended before kill ${kill}`);
        const pid = deployment.server.nextServerPid();
        if (pid === null) throw new Error("no next-server process to kill");
        process.kill(pid, "SIGKILL");
        totals.kills++;
        a.up = false;
        await deployment.server.exited;
        await deployment.server.stop();
        log(`  instances: killed A's next-server (pid ${pid}) at ${ackedEvents.toLocaleString("en-US")} acknowledged events; restarting it`);
        await deployment.start();
        a.startedAt = Date.now();
        a.up = true;
        ackedByAAtStart = totals.ackedByA;
      }
    }

    log(`  instances: ${sizes.events.toLocaleString("en-US")} events from ${sizes.clients} clients over two servers; A is killed three times`);
    const started = performance.now();
    const killing = killer().catch((error: unknown) => {
      failure ??= error as Error;
    });
    await Promise.all(Array.from({ length: sizes.clients }, (_, i) => client(i)));
    done = true;
    await killing;
    const streamSeconds = (performance.now() - started) / 1000;
    if (failure) throw failure;

    // 3. One key's limit over both servers together: clients on both post one-event batches as fast as they can.
    const limitedKey = (await deployment.tollgate(["keys", "create", "--name", "limited", "--scopes", "ingest"])).trim().split("\n").at(-1)!.trim();
    const limitedHeaders = { ...bearer(limitedKey), "content-type": "application/json" };
    const limit = { allowed: 0, refused: 0, first: 0, last: 0, seq: 0 };
    const limitEnd = Date.now() + sizes.limitSeconds * 1000;
    limit.first = Date.now();
    await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        while (Date.now() < limitEnd) {
          const event = { id: `limit-${run.runId}-${limit.seq++}`, type: "output", workflow: "invoice-coding", cohort: "finance-pilot", taskId: "limit", outputKind: "draft", occurredAt: new Date(run.end.getTime() - 3_600_000).toISOString() };
          const batch = encodeBatch([event]);
          batch.ids.forEach((id) => sent.add(id));
          limit.last = Date.now();
          const answer = await send(`${instances[i % 2]!.baseUrl}/api/v1/events`, { method: "POST", headers: limitedHeaders, body: batch.body, timeoutMs: 30_000 });
          if (answer.status === 200) limit.allowed++;
          else if (answer.status === 429) limit.refused++;
          else throw new Error(`the rate-limit phase got ${answer.status}: ${answer.text.slice(0, 300)}`);
        }
      }),
    );
    const limitSeconds = (limit.last - limit.first) / 1000;
    const expected = BURST + RATE * limitSeconds;

    // 4. Retention: both servers have looked whether the daily run is due (a minute after each start).
    const lastStart = Math.max(a.startedAt, b.startedAt);
    await sleep(Math.max(0, lastStart + RETENTION_FIRST_LOOK_MS + 5_000 - Date.now()));
    const db = deployment.open();
    const retentionRuns = await countAuditRecords(db.sql, "retention.run");
    const job = await readJob(db.sql, "retention");

    await deployment.stop();
    await b.server().stop();
    const stored = await storedIds(db);
    const lost = [...acknowledged].filter((id) => !stored.ids.has(id));
    const unknown = [...stored.ids].filter((id) => !sent.has(id));
    const rollups = await rollupsAgainstRebuild(db);

    figures.add("raced batches (each posted to both at once)", raced.length);
    figures.add("raced events accepted over both", racedAccepted);
    figures.add("stream events", sizes.events);
    figures.add("SIGKILLs of A's next-server", totals.kills);
    figures.add("requests (incl. retries)", totals.requests);
    figures.add("requests moved to the other server", totals.moved);
    figures.add("429 answers in the stream", totals.tooMany);
    figures.add("batches acknowledged by B", totals.ackedByB);
    figures.add("… while A was down", totals.ackedByBWhileADown);
    figures.add("stream wall time, s", streamSeconds);
    figures.add("stored", stored.rows);
    figures.add("lost (acknowledged, not stored)", lost.length);
    figures.add("duplicated (stored twice)", stored.duplicated);
    figures.add("rollup rows that differ from a rebuild", rollups.mismatched);
    figures.add("one key over both: allowed", limit.allowed);
    figures.add("one key over both: refused (429)", limit.refused);
    figures.add(`expected: burst ${BURST} + ${RATE}/s × ${limitSeconds.toFixed(1)} s`, Math.round(expected));
    figures.add("retention runs across both", retentionRuns);
    figures.add("retention next due, h after its run", job?.lastRunAt ? (job.nextRunAt.getTime() - job.lastRunAt.getTime()) / 3_600_000 : "never ran");

    figures.check("raced ids stored once (accepted over both = events)", racedAccepted === racedEvents, `${racedAccepted} accepted of ${racedEvents}`);
    figures.check("A killed three times mid-stream", totals.kills === 3);
    figures.check("B acknowledged batches while A was down", totals.ackedByBWhileADown > 0);
    figures.check("lost = 0", lost.length === 0, lost.slice(0, 5).join(", "));
    figures.check("duplicated = 0", stored.duplicated === 0);
    figures.check("only sent events stored", unknown.length === 0, unknown.slice(0, 5).join(", "));
    figures.check("rollups equal a rebuild", rollups.mismatched === 0, rollups.details.join("\n"));
    figures.check("one key's limit over both within 10% of rate + burst", Math.abs(limit.allowed - expected) <= 0.1 * expected, `${limit.allowed} allowed, ${expected.toFixed(0)} expected`);
    figures.check("retention ran once across both", retentionRuns === 1);
  } finally {
    await unwindCleanups(mark);
  }
}
