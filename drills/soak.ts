// Soak drill: mixed ingestion and dashboard reads at a steady rate (open loop: requests start on a fixed schedule
// whether or not earlier ones finished) for minutes. The server's memory must stay flat and latency must not creep.
//
// Rules, after a warm-up that is not measured (route modules load, caches and the JIT warm up):
//   memory:  end RSS ≤ start RSS × 1.5 + 50 MB (VmRSS of next-server, sampled every 5 s);
//   latency: the last window's p95 ≤ 2 × the first window's (or ≤ first + 10 ms: smaller changes are timer noise),
//            for ingestion and for reads separately. Windows are minutes in a full run, halves in CI.
import type { Dialect } from "@/lib/db/dialect";
import { demoRolloutPlans, demoWorkflows } from "@/lib/demo/program";
import { addDays, localDay } from "@/lib/time";
import { processRssMB } from "@/lib/testing/server";
import { cleanupMark, deploy, log, signedInCookie, sleep, unwindCleanups, type DrillRun, type Figures } from "./context";
import { demoBatches } from "./events";
import { bearer, percentile, send } from "./http";

const RSS_EVERY_MS = 5_000;
/** Requests still running when the schedule would start more: beyond this the server is not keeping up. */
const MAX_IN_FLIGHT = 64;
const NOISE_MS = 10;

interface Sample {
  at: number;
  kind: "ingest" | "read";
  ms: number;
  ok: boolean;
}

export async function soakDrill(run: DrillRun, dialect: Dialect, figures: Figures): Promise<void> {
  const sizes = run.options.sizes.soak;
  const mark = cleanupMark();
  try {
    const deployment = await deploy(run, dialect, "soak");
    // A database that already holds the demo's twelve weeks, as a running installation does: the soak's own events
    // then add to days and rollups that exist, so latency measures the server, not a database filling up from empty.
    const seed = run.options.seed % 100_000;
    const preload = await deployment.tollgate(["demo", "--events", String(sizes.preloadEvents), "--seed", String(seed)]);
    log(`  soak: ${preload.trim()}`);
    const totalSeconds = sizes.warmupSeconds + sizes.seconds;
    const batchCount = Math.ceil(totalSeconds * sizes.batchesPerSecond) + 4;
    const batches = demoBatches({ seed: seed + 1, events: batchCount * sizes.batch, end: run.end, size: sizes.batch });

    const to = localDay(run.end, run.timezone);
    const from = addDays(to, -84);
    const q = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params).toString()}`;
    const judged = demoRolloutPlans.filter((r) => r.phase !== "enterprise");
    // The portfolio is one page among the dashboard's reads, as in a week of real use: it evaluates every rollout's
    // gate, so putting it once per workflow made it a fifth of all reads and, on Postgres, saturated two cores.
    const reads: string[] = ["/"];
    for (let i = 0; i < demoWorkflows.length; i++) {
      const workflow = demoWorkflows[i]!.key;
      const rollout = judged[i % judged.length]!;
      reads.push(
        q("/api/v1/metrics", { workflow, from, to, granularity: "week" }),
        q("/api/v1/cohorts", { workflow, from, to }),
        q("/api/v1/scorecards", { workflow: rollout.workflow, cohort: rollout.cohort }),
        q("/api/v1/metrics", { workflow: rollout.workflow, cohort: rollout.cohort, from: addDays(to, -28), to, granularity: "day" }),
      );
    }

    // The API is read with a read-only key; pages are for signed-in users, so the portfolio is read with a viewer's
    // session cookie. A redirect (to /sign-in) is not followed: it counts as a failed read.
    const cookie = await signedInCookie(deployment, ["viewer"]);
    const readInit = (path: string): RequestInit => ({ headers: path.startsWith("/api/") ? bearer(deployment.readKey) : { cookie }, redirect: "manual" });

    // Load every route's code and warm the caches once, in turn, before the schedule starts.
    for (const path of new Set(reads)) {
      for (let i = 0; i < 2; i++) await send(deployment.baseUrl + path, readInit(path));
    }

    const samples: Sample[] = [];
    const rss: { at: number; mb: number }[] = [];
    const failures: string[] = [];
    let inFlight = 0;
    let skipped = 0;
    let acknowledged = 0;
    const running: Promise<void>[] = [];
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;

    const fire = (kind: Sample["kind"], request: () => Promise<{ ok: boolean; detail: string; events?: number }>) => {
      if (inFlight >= MAX_IN_FLIGHT) {
        skipped++;
        return;
      }
      inFlight++;
      const at = elapsed();
      const t = performance.now();
      running.push(
        request()
          .then(
            (result) => {
              samples.push({ at, kind, ms: performance.now() - t, ok: result.ok });
              if (result.ok) acknowledged += result.events ?? 0;
              else if (failures.length < 20) failures.push(result.detail);
            },
            (error: unknown) => {
              samples.push({ at, kind, ms: performance.now() - t, ok: false });
              if (failures.length < 20) failures.push(`${kind}: ${(error as Error).message}`);
            },
          )
          .finally(() => inFlight--),
      );
    };
    const ingest = () => {
      const batch = batches.next();
      if (batch.done) return;
      fire("ingest", async () => {
        const answer = await send(`${deployment.baseUrl}/api/v1/events`, {
          method: "POST",
          headers: { ...bearer(deployment.apiKey), "content-type": "application/json" },
          body: batch.value.body,
        });
        return { ok: answer.status === 200, detail: `POST /api/v1/events ${answer.status}: ${answer.text.slice(0, 200)}`, events: batch.value.count };
      });
    };
    let readIndex = 0;
    const read = () => {
      const path = reads[readIndex++ % reads.length]!;
      fire("read", async () => {
        const answer = await send(deployment.baseUrl + path, readInit(path));
        return { ok: answer.status === 200, detail: `GET ${path} ${answer.status}: ${answer.text.slice(0, 200)}` };
      });
    };
    const sampleRss = () => {
      const pid = deployment.server.nextServerPid();
      const mb = pid === null ? null : processRssMB(pid);
      if (mb !== null) rss.push({ at: elapsed(), mb });
    };

    log(`  soak: ${sizes.warmupSeconds} s warm-up, then ${sizes.seconds} s of ${sizes.batchesPerSecond} batches of ${sizes.batch} and ${sizes.readsPerSecond} reads per second`);
    const ingestEvery = 1000 / sizes.batchesPerSecond;
    const readEvery = 1000 / sizes.readsPerSecond;
    let nextIngest = 0;
    let nextRead = readEvery / 2;
    let nextRss = sizes.warmupSeconds * 1000;
    let lastProgress = 0;
    for (;;) {
      const now = performance.now() - started;
      if (now >= totalSeconds * 1000) break;
      if (now >= nextIngest) {
        ingest();
        nextIngest += ingestEvery;
      }
      if (now >= nextRead) {
        read();
        nextRead += readEvery;
      }
      if (now >= nextRss) {
        sampleRss();
        nextRss += RSS_EVERY_MS;
      }
      if (now - lastProgress >= 30_000) {
        lastProgress = now;
        log(`  soak: ${Math.round(now / 1000)} s, ${samples.length} answers, ${failures.length} failures, RSS ${rss.at(-1)?.mb.toFixed(0) ?? "–"} MB`);
      }
      await sleep(Math.max(0, Math.min(nextIngest, nextRead, nextRss) - (performance.now() - started)));
    }
    sampleRss();
    await Promise.all(running);

    // Windows of the measured phase.
    const windows: { from: number; to: number }[] = [];
    for (let start = sizes.warmupSeconds; start < totalSeconds - 1e-9; start += sizes.windowSeconds) {
      windows.push({ from: start, to: Math.min(totalSeconds, start + sizes.windowSeconds) });
    }
    const p95 = (kind: Sample["kind"], w: { from: number; to: number }) =>
      percentile(samples.filter((s) => s.kind === kind && s.at >= w.from && s.at < w.to).map((s) => s.ms), 0.95) ?? 0;
    const measured = samples.filter((s) => s.at >= sizes.warmupSeconds);
    const startRss = rss.find((r) => r.at >= sizes.warmupSeconds)?.mb ?? 0;
    const endRss = rss.at(-1)?.mb ?? 0;
    const maxRss = Math.max(0, ...rss.filter((r) => r.at >= sizes.warmupSeconds).map((r) => r.mb));
    const first = windows[0]!;
    const last = windows.at(-1)!;
    const within = (kind: Sample["kind"]) => {
      const a = p95(kind, first);
      const b = p95(kind, last);
      return b <= Math.max(2 * a, a + NOISE_MS);
    };

    figures.add("events in the database before the soak", sizes.preloadEvents);
    figures.add("measured duration, s (after warm-up)", sizes.seconds);
    figures.add("batches acknowledged", measured.filter((s) => s.kind === "ingest" && s.ok).length);
    figures.add("events acknowledged (incl. warm-up)", acknowledged);
    figures.add("reads answered", measured.filter((s) => s.kind === "read" && s.ok).length);
    figures.add("failed requests", samples.filter((s) => !s.ok).length);
    figures.add("ticks skipped (server behind)", skipped);
    figures.add("next-server RSS at start, MB", startRss);
    figures.add("next-server RSS at end, MB", endRss);
    figures.add("next-server RSS max, MB", maxRss);
    const unit = sizes.windowSeconds === 60 ? "min" : `${sizes.windowSeconds} s`;
    figures.add(`ingest p95 per ${unit}, ms`, windows.map((w) => p95("ingest", w).toFixed(0)).join(" · "));
    figures.add(`read p95 per ${unit}, ms`, windows.map((w) => p95("read", w).toFixed(0)).join(" · "));

    figures.check("no failed request", samples.every((s) => s.ok), failures.slice(0, 5).join("\n"));
    figures.check("kept up with the schedule", skipped === 0);
    figures.check("memory flat: end RSS ≤ start × 1.5 + 50 MB", startRss > 0 && endRss <= startRss * 1.5 + 50, `${startRss.toFixed(0)} → ${endRss.toFixed(0)} MB`);
    figures.check("ingest p95 within 2× of the first window", within("ingest"), `${p95("ingest", first).toFixed(1)} → ${p95("ingest", last).toFixed(1)} ms`);
    figures.check("read p95 within 2× of the first window", within("read"), `${p95("read", first).toFixed(1)} → ${p95("read", last).toFixed(1)} ms`);
  } finally {
    await unwindCleanups(mark);
  }
}
