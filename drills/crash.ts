// Crash drill: concurrent clients ingest while the server process is killed with SIGKILL at random moments and
// restarted. Clients retry every unacknowledged batch with the same event ids, as an agent must. Afterwards every
// acknowledged event is stored exactly once, nothing unknown is stored, the rollups equal a rebuild from the raw
// events, and the SQLite file passes PRAGMA integrity_check.
import fs from "node:fs";
import path from "node:path";
import type { Dialect } from "@/lib/db/dialect";
import { mulberry32 } from "@/lib/random";
import { cleanupMark, deploy, log, sleep, unwindCleanups, type DrillRun, type Figures } from "./context";
import { demoBatches, type EncodedBatch } from "./events";
import { bearer, jsonOf, send, type IngestAnswer } from "./http";
import { rollupsAgainstRebuild, sqliteIntegrity, storedIds } from "./checks";

/** Gives up on a batch that no server acknowledged for this long (the server is restarted within seconds). */
const BATCH_DEADLINE_MS = 5 * 60_000;

/** Whether a process has the file open (the SQLite database, or its WAL). */
function holdsFile(pid: number, file: string): boolean {
  const wanted = path.resolve(file);
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(wanted);
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

export async function crashDrill(run: DrillRun, dialect: Dialect, figures: Figures): Promise<void> {
  const sizes = run.options.sizes.crash;
  const mark = cleanupMark();
  try {
    const deployment = await deploy(run, dialect, "crash");
    const random = mulberry32(run.options.seed ^ 0x5eed_c4a5);
    // Kill points: random numbers of acknowledged events, so every kill lands while batches are in flight.
    const killAt = Array.from({ length: sizes.kills }, () => Math.floor(sizes.events * (0.05 + 0.9 * random()))).sort((a, b) => a - b);

    const batches = demoBatches({ seed: run.options.seed % 100_000, events: sizes.events, end: run.end, size: sizes.batch });
    const sent = new Set<string>();
    const acknowledged = new Set<string>();
    const totals = { requests: 0, retries: 0, networkErrors: 0, serverErrors: 0, cutOff: 0, kills: 0, inFlight: 0, maxRestartMs: 0 };
    let ackedEvents = 0;
    let done = false;
    let failure: Error | null = null;
    const headers = { ...bearer(deployment.apiKey), "content-type": "application/json" };

    async function post(batch: EncodedBatch): Promise<void> {
      batch.ids.forEach((id) => sent.add(id));
      const started = Date.now();
      for (let attempt = 1; ; attempt++) {
        if (failure) return;
        if (attempt > 1) totals.retries++;
        totals.requests++;
        totals.inFlight++;
        try {
          const answer = await send(`${deployment.baseUrl}/api/v1/events`, { method: "POST", headers, body: batch.body, timeoutMs: 60_000 });
          if (answer.status === 200) {
            const result = jsonOf<IngestAnswer>(answer);
            if (!result || result.accepted + result.duplicates !== batch.count || result.rejected.length > 0) {
              throw new Error(`an acknowledgement that does not cover the batch: ${answer.text.slice(0, 300)}`);
            }
            batch.ids.forEach((id) => acknowledged.add(id));
            ackedEvents += batch.count;
            return;
          }
          if (answer.status < 500) throw new Error(`POST /api/v1/events answered ${answer.status}: ${answer.text.slice(0, 300)}`);
          totals.serverErrors++;
        } catch (error) {
          if (error instanceof Error && /answered|acknowledgement/.test(error.message)) throw error;
          totals.networkErrors++; // the server went away mid-request, or is restarting
        } finally {
          totals.inFlight--;
        }
        if (Date.now() - started > BATCH_DEADLINE_MS) throw new Error(`a batch was not acknowledged within ${BATCH_DEADLINE_MS / 1000} s`);
        await sleep(50 + 150 * Math.random());
      }
    }

    async function client(): Promise<void> {
      try {
        for (let next = batches.next(); !next.done && !failure; next = batches.next()) await post(next.value);
      } catch (error) {
        failure ??= error as Error;
      }
    }

    async function killer(): Promise<void> {
      let ackedAtStart = 0;
      for (const threshold of killAt) {
        // At least one batch acknowledged by this server before it is killed, so each kill hits a working server.
        while (!done && !failure && (ackedEvents < threshold || ackedEvents <= ackedAtStart)) await sleep(5);
        if (done || failure) return;
        await sleep(random() * 100);
        const pid = deployment.server.nextServerPid();
        if (pid === null) throw new Error("no next-server process to kill");
        if (dialect === "sqlite" && !holdsFile(pid, deployment.database.location)) {
          throw new Error(`next-server (pid ${pid}) does not hold ${deployment.database.location}`);
        }
        totals.cutOff += totals.inFlight;
        process.kill(pid, "SIGKILL");
        totals.kills++;
        const down = Date.now();
        await deployment.server.exited; // `tollgate start` exits when its next-server dies
        await deployment.server.stop(); // and nothing of its process tree may linger
        log(`  crash: killed next-server (pid ${pid}) at ${ackedEvents.toLocaleString("en-US")} acknowledged events; restarting`);
        await deployment.start();
        totals.maxRestartMs = Math.max(totals.maxRestartMs, Date.now() - down);
        ackedAtStart = ackedEvents;
      }
    }

    log(`  crash: ${sizes.events.toLocaleString("en-US")} events, ${sizes.clients} clients, ${sizes.kills} kills`);
    const started = performance.now();
    const killing = killer().catch((error: unknown) => {
      failure ??= error as Error;
    });
    await Promise.all(Array.from({ length: sizes.clients }, client));
    done = true;
    await killing;
    const seconds = (performance.now() - started) / 1000;
    if (failure) throw failure;
    await deployment.stop();

    const integrity = dialect === "sqlite" ? sqliteIntegrity(deployment.database.location) : "n/a (Postgres)";
    const db = deployment.open();
    const stored = await storedIds(db);
    const lost = [...acknowledged].filter((id) => !stored.ids.has(id));
    const unknown = [...stored.ids].filter((id) => !sent.has(id));
    const rollups = await rollupsAgainstRebuild(db);

    figures.add("events sent", sent.size);
    figures.add("requests (incl. retries)", totals.requests);
    figures.add("retried requests", totals.retries);
    figures.add("SIGKILLs of next-server", totals.kills);
    figures.add("requests in flight at a kill", totals.cutOff);
    figures.add("longest outage (kill → ready), s", totals.maxRestartMs / 1000);
    figures.add("5xx answers", totals.serverErrors);
    figures.add("acknowledged", acknowledged.size);
    figures.add("stored", stored.rows);
    figures.add("lost (acknowledged, not stored)", lost.length);
    figures.add("duplicated (stored twice)", stored.duplicated);
    figures.add("stored but never sent", unknown.length);
    figures.add("rollup rows compared with a rebuild", rollups.rows);
    figures.add("rollup rows that differ", rollups.mismatched);
    figures.add("integrity_check", integrity);
    figures.add("wall time, s", seconds);

    figures.check(`at least ${sizes.kills} kills`, totals.kills >= sizes.kills);
    figures.check("every batch acknowledged", acknowledged.size === sent.size, `${sent.size - acknowledged.size} never acknowledged`);
    figures.check("lost = 0", lost.length === 0, lost.slice(0, 5).join(", "));
    figures.check("duplicated = 0", stored.duplicated === 0);
    figures.check("only sent events stored", unknown.length === 0, unknown.slice(0, 5).join(", "));
    figures.check("rollups equal a rebuild", rollups.mismatched === 0, rollups.details.join("\n"));
    figures.check("no 5xx answers", totals.serverErrors === 0);
    if (dialect === "sqlite") figures.check("PRAGMA integrity_check = ok", integrity === "ok", integrity);
  } finally {
    await unwindCleanups(mark);
  }
}
