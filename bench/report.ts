// What a run found: targets from the issue, the printed tables and the shape of bench/results.json.
import type { Dialect } from "@/lib/db/dialect";
import { DIALECT_NAMES, textTable } from "@/lib/testing/harness";
import type { HttpIngestFigures } from "./httpIngest";
import type { LatencyFigures } from "./latency";
import type { RawInsertFigures } from "./rawInsert";
import type { ProcessPeak } from "./server";
import { formatSources, type SourcesResult } from "./sources";
import { PURGED_WEEKS, type RetentionFigures } from "./retention";

export const TARGETS = {
  /** HTTP ingestion at least this share of the raw driver's insert rate. */
  minHttpToRawRatio: 0.4,
  /** p95 of the read API (metrics series, cohorts, scorecard); the issue sets it for 10M events on SQLite. */
  apiP95Ms: 150,
  /** The portfolio page's HTML, p95: issue #17 sets 150 ms at 10M events on both databases. */
  pageP95Ms: 150,
  peakRssMB: 1024,
} as const;

export interface TargetCheck {
  name: string;
  target: string;
  /** null when there was nothing to measure (an endpoint that does not exist yet). */
  passed: boolean | null;
}

export interface DialectResult {
  dialect: Dialect;
  events: number;
  /** False when batches were generated during the timed phases (see PREGENERATE_LIMIT in workload.ts). */
  pregenerated: boolean;
  http: HttpIngestFigures;
  raw: RawInsertFigures;
  httpToRawRatio: number;
  latency: (LatencyFigures & { targetP95Ms: number })[];
  server: { peakRssMB: number; peakProcess: string; processes: ProcessPeak[] };
  /** CPU time next-server spent during HTTP ingestion (user + system): steadier than the wall clock on a shared machine. */
  httpServerCpuSeconds: number;
  /** The app database's size on disk after HTTP ingestion (events, rollups and their indexes). */
  databaseMB: number;
  /** The Microsoft 365 import phase (lib/sources), each import in a process of its own. */
  sources: SourcesResult;
  /** The daily purge's delete rate (bench/retention.ts), in the bench process. */
  retention: RetentionFigures;
  targets: TargetCheck[];
}

export function checkTargets(result: Omit<DialectResult, "targets">): TargetCheck[] {
  const checks: TargetCheck[] = [
    {
      name: "every event accepted",
      target: `${result.events.toLocaleString("en-US")}`,
      passed: result.http.accepted === result.events && result.http.rejected === 0 && result.http.duplicates === 0,
    },
    {
      name: "HTTP ingestion / raw driver",
      target: `≥ ${TARGETS.minHttpToRawRatio * 100}%`,
      passed: result.httpToRawRatio >= TARGETS.minHttpToRawRatio,
    },
  ];
  for (const latency of result.latency) {
    checks.push({
      name: `${latency.name} p95`,
      target: `< ${latency.targetP95Ms} ms`,
      passed: latency.status === "measured" ? latency.p95Ms < latency.targetP95Ms && latency.non2xx === 0 : null,
    });
  }
  checks.push({ name: "server peak RSS", target: `< ${TARGETS.peakRssMB} MB`, passed: result.server.peakRssMB < TARGETS.peakRssMB });
  return checks;
}

const mark = (passed: boolean | null) => (passed === null ? "–" : passed ? "✓" : "✗");
const integer = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => n.toFixed(1);

export function formatDialect(result: DialectResult): string {
  const { http, raw } = result;
  const target = (name: string) => result.targets.find((t) => t.name === name)!;
  const ingestion = target("HTTP ingestion / raw driver");
  const accepted = target("every event accepted");
  const rss = target("server peak RSS");

  const throughput = textTable(
    [
      ["Ingestion", "events/s", "events", "seconds", "target", ""],
      [`HTTP API (batches of 500, ${http.clients} clients)`, integer(http.eventsPerSecond), integer(http.accepted), http.seconds.toFixed(1), `all ${accepted.target} accepted`, mark(accepted.passed)],
      [`raw driver into bench_raw (${raw.connections} connection${raw.connections > 1 ? "s" : ""})`, integer(raw.eventsPerSecond), integer(raw.events), raw.seconds.toFixed(1), "", ""],
      ["HTTP / raw", `${(result.httpToRawRatio * 100).toFixed(1)}%`, "", "", ingestion.target, mark(ingestion.passed)],
      ["HTTP, per CPU-second of next-server", integer(http.accepted / result.httpServerCpuSeconds), "", result.httpServerCpuSeconds.toFixed(1), "", ""],
    ],
    "lrrrrl",
  );

  const latency = textTable(
    [
      ["Latency (ms)", "p50", "p95", "max", "non-2xx", "target p95", ""],
      ...result.latency.map((l) =>
        l.status === "measured"
          ? [l.name, ms(l.p50Ms), ms(l.p95Ms), ms(l.maxMs), String(l.non2xx), `< ${l.targetP95Ms}`, mark(target(`${l.name} p95`).passed)]
          : [l.name, "–", "–", "–", "–", `< ${l.targetP95Ms}`, `${mark(null)} n/a (endpoint missing)`],
      ),
    ],
    "lrrrrrl",
  );

  const memory = textTable(
    [
      ["Server", "peak RSS", "target", ""],
      [result.server.peakProcess, `${integer(result.server.peakRssMB)} MB`, rss.target, mark(rss.passed)],
      ["Database on disk", `${integer(result.databaseMB)} MB`, "", ""],
    ],
    "lrrl",
  );

  const { retention } = result;
  const purge = textTable(
    [
      ["Retention", "events/s", "events", "seconds"],
      [`purge of the oldest ${PURGED_WEEKS} weeks (batched deletes)`, integer(retention.eventsPerSecond), integer(retention.deleted), retention.seconds.toFixed(1)],
    ],
    "lrrr",
  );

  const heading = `${DIALECT_NAMES[result.dialect]} · ${integer(result.events)} events${result.pregenerated ? "" : " · generated during the timed phases"}`;
  return [heading, throughput, "", latency, "", memory, "", purge, "", formatSources(result.sources, result.dialect === "sqlite")].join("\n");
}

export function failureDetails(result: DialectResult): string[] {
  return result.latency.flatMap((l) => (l.status === "measured" && l.firstFailure ? [`${DIALECT_NAMES[result.dialect]}: ${l.name}: first failure: ${l.firstFailure}`] : []));
}
