// Concurrency drill: 16 clients post overlapping batches (every id in several batches sent at the same moment by
// different clients) while readers poll the metrics and cohorts APIs. Stored events must equal the unique ids, and
// no read may see a partial or torn figure.
//
// The events are built so that any consistent snapshot satisfies cross-table identities: every task has exactly
// one output, one review and one agent completion at the same instant, plus either an escalation or an incident,
// and a batch always holds whole tasks. So in every period of every response, outputs (daily rollup) = reviews =
// tasks (task-day table, kept by triggers) = agent completions (duration sketch), and escalated tasks + incidents
// (category rollup) = tasks. A read that mixed two commits would break one of them.
import type { Dialect } from "@/lib/db/dialect";
import { mulberry32 } from "@/lib/random";
import type { ReviewCounts, TaskCounts } from "@/lib/metrics/definitions";
import { addDays, localDay } from "@/lib/time";
import { cleanupMark, deploy, log, unwindCleanups, type DrillRun, type Figures } from "./context";
import { encodeBatch } from "./events";
import { bearer, jsonOf, send, type IngestAnswer } from "./http";
import { rollupsAgainstRebuild, storedIds } from "./checks";
import { eventKey } from "@/lib/ingest/identity";
import { DRILL_COHORTS, DRILL_WORKFLOWS } from "./program";

const WORKFLOW = DRILL_WORKFLOWS.concurrency;
const VERDICTS = ["accepted", "accepted", "accepted", "light_edit", "heavy_edit", "rejected"] as const;
/** Clients in a group post the same windows at the same time. */
const GROUP = 4;

interface Point extends ReviewCounts, TaskCounts {
  periodStart?: string;
  outputs: number;
  incidents: { total: number };
  cycleTime: { agent: { n: number } };
}

/** What is wrong with one period of a response; empty when it is consistent. */
export function inconsistencies(point: Point): string[] {
  const problems: string[] = [];
  const verdicts = point.accepted + point.lightEdits + point.heavyEdits + point.rejected;
  if (point.reviews !== verdicts) problems.push(`reviews ${point.reviews} ≠ accepted+lightEdits+heavyEdits+rejected ${verdicts}`);
  if (point.escalatedTasks > point.tasks) problems.push(`escalatedTasks ${point.escalatedTasks} > tasks ${point.tasks}`);
  if (point.outputs !== point.reviews || point.outputs !== point.tasks || point.outputs !== point.cycleTime.agent.n) {
    problems.push(`outputs ${point.outputs}, reviews ${point.reviews}, tasks ${point.tasks}, agent completions ${point.cycleTime.agent.n} differ`);
  }
  if (point.escalatedTasks + point.incidents.total !== point.tasks) {
    problems.push(`escalatedTasks ${point.escalatedTasks} + incidents ${point.incidents.total} ≠ tasks ${point.tasks}`);
  }
  return problems.map((p) => `${point.periodStart ?? "total"}: ${p}`);
}

/** The drill's events: four or so per task, all of a task at one instant, tasks spread over the last three weeks. */
function drillEvents(seed: number, tasks: number, now: Date): Record<string, unknown>[][] {
  const random = mulberry32(seed);
  const byTask: Record<string, unknown>[][] = [];
  for (let i = 0; i < tasks; i++) {
    const occurredAt = new Date(now.getTime() - Math.floor(random() * 21 * 86_400_000) - 60_000).toISOString();
    const common = {
      workflow: WORKFLOW,
      cohort: DRILL_COHORTS[i % 2]!,
      taskId: `task-${i}`,
      occurredAt,
      actor: `user-${Math.floor(random() * 50)}`,
      agentVersion: random() < 0.5 ? "1.0.0" : "1.1.0",
    };
    const verdict = VERDICTS[Math.floor(random() * VERDICTS.length)]!;
    byTask.push([
      { ...common, id: `c-${i}-o`, type: "output", outputKind: "draft" },
      { ...common, id: `c-${i}-r`, type: "review", verdict, ...(verdict === "heavy_edit" || verdict === "rejected" ? { errorCategory: "other" } : {}) },
      { ...common, id: `c-${i}-c`, type: "completion", mode: "agent", durationMs: 1000 + Math.floor(random() * 600_000) },
      i % 3 === 0
        ? { ...common, id: `c-${i}-e`, type: "escalation", reason: "drill" }
        : { ...common, id: `c-${i}-i`, type: "incident", category: "other", severity: 3 },
    ]);
  }
  return byTask;
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export async function concurrencyDrill(run: DrillRun, dialect: Dialect, figures: Figures): Promise<void> {
  const sizes = run.options.sizes.concurrency;
  const mark = cleanupMark();
  try {
    const deployment = await deploy(run, dialect, "concurrency");
    const now = new Date();
    const tasks = drillEvents(run.options.seed, sizes.tasks, now);
    const events = tasks.flat();
    // Windows of `batch` events that start every half batch, so each event is in two windows; whole tasks only.
    const tasksPerWindow = Math.max(2, Math.floor(sizes.batch / 4));
    const step = Math.max(1, Math.floor(tasksPerWindow / 2));
    const windows: Record<string, unknown>[][] = [];
    for (let start = 0; start < tasks.length; start += step) windows.push(tasks.slice(start, start + tasksPerWindow).flat());

    const from = localDay(new Date(now.getTime() - 28 * 86_400_000), run.timezone);
    const to = addDays(localDay(now, run.timezone), 1);
    const totals = { posts: 0, items: 0, accepted: 0, duplicates: 0, rejected: 0, failures: [] as string[] };
    let loading = true;

    async function client(c: number): Promise<void> {
      const random = mulberry32(run.options.seed + 1000 + c);
      for (let w = c % GROUP; w < windows.length; w += GROUP) {
        const batch = encodeBatch(shuffled(windows[w]!, random));
        const answer = await send(`${deployment.baseUrl}/api/v1/events`, {
          method: "POST",
          headers: { ...bearer(deployment.apiKey), "content-type": "application/json" },
          body: batch.body,
        });
        const result = jsonOf<IngestAnswer>(answer);
        if (answer.status !== 200 || !result) {
          totals.failures.push(`POST answered ${answer.status}: ${answer.text.slice(0, 200)}`);
          continue;
        }
        totals.posts++;
        totals.items += batch.count;
        totals.accepted += result.accepted;
        totals.duplicates += result.duplicates;
        totals.rejected += result.rejected.length;
      }
    }

    const reads = { requests: 0, non2xx: 0, torn: [] as string[], regressions: [] as string[], points: 0 };
    const query = (path: string, params: Record<string, string>) => `${deployment.baseUrl}${path}?${new URLSearchParams(params).toString()}`;
    const readers: { url: string; kind: "metrics" | "cohorts" }[][] = [
      [
        { url: query("/api/v1/metrics", { workflow: WORKFLOW, from, to, granularity: "total" }), kind: "metrics" },
        { url: query("/api/v1/metrics", { workflow: WORKFLOW, from, to, granularity: "day" }), kind: "metrics" },
      ],
      [{ url: query("/api/v1/cohorts", { workflow: WORKFLOW, from, to }), kind: "cohorts" }],
      [
        { url: query("/api/v1/metrics", { workflow: WORKFLOW, cohort: DRILL_COHORTS[0]!, from, to, granularity: "week" }), kind: "metrics" },
        { url: query("/api/v1/metrics", { workflow: WORKFLOW, cohort: DRILL_COHORTS[1]!, from, to, granularity: "total" }), kind: "metrics" },
      ],
    ];

    async function reader(requests: { url: string; kind: "metrics" | "cohorts" }[]): Promise<void> {
      // The previous total of each series this reader follows: totals only grow under an ingest-only load.
      const previous = new Map<string, number>();
      const grows = (key: string, value: number) => {
        const before = previous.get(key) ?? 0;
        if (value < before) reads.regressions.push(`${key}: ${before} → ${value}`);
        previous.set(key, value);
      };
      for (let i = 0; loading; i++) {
        const { url, kind } = requests[i % requests.length]!;
        const answer = await send(url, { headers: bearer(deployment.readKey) });
        reads.requests++;
        if (answer.status !== 200) {
          reads.non2xx++;
          if (reads.non2xx <= 3) totals.failures.push(`GET ${url} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
          continue;
        }
        if (kind === "metrics") {
          const report = jsonOf<{ series: Point[] }>(answer)!;
          for (const point of report.series) reads.torn.push(...inconsistencies(point));
          reads.points += report.series.length;
          grows(url, report.series.reduce((sum, p) => sum + p.reviews, 0));
        } else {
          const report = jsonOf<{ cohorts: { cohort: string; totals: Point }[] }>(answer)!;
          for (const cohort of report.cohorts) {
            reads.torn.push(...inconsistencies(cohort.totals).map((p) => `${cohort.cohort} ${p}`));
            grows(`${url}#${cohort.cohort}`, cohort.totals.reviews);
          }
          reads.points += report.cohorts.length;
        }
      }
    }

    log(`  concurrency: ${events.length.toLocaleString("en-US")} events in ${windows.length} overlapping windows, ${sizes.clients} clients, ${sizes.readers} readers`);
    const started = performance.now();
    const reading = Promise.all(readers.slice(0, sizes.readers).map(reader));
    try {
      await Promise.all(Array.from({ length: sizes.clients }, (_, c) => client(c)));
    } finally {
      loading = false;
      await reading;
    }
    const seconds = (performance.now() - started) / 1000;

    const final = jsonOf<{ series: Point[] }>(
      await send(query("/api/v1/metrics", { workflow: WORKFLOW, from, to, granularity: "total" }), { headers: bearer(deployment.apiKey) }),
    );
    const finalTotals = final?.series[0];
    await deployment.stop();
    const db = deployment.open();
    const stored = await storedIds(db);
    const rollups = await rollupsAgainstRebuild(db);

    figures.add("clients", sizes.clients);
    figures.add("batches posted", totals.posts);
    figures.add("events posted (with overlaps)", totals.items);
    figures.add("unique ids", events.length);
    figures.add("accepted (sum over answers)", totals.accepted);
    figures.add("duplicates (sum over answers)", totals.duplicates);
    figures.add("stored", stored.rows);
    figures.add("duplicated (stored twice)", stored.duplicated);
    figures.add("ingestion rate, events posted/s", totals.items / seconds);
    figures.add("reads during the load", reads.requests);
    figures.add("periods checked", reads.points);
    figures.add("torn or partial figures", reads.torn.length);
    figures.add("totals that went down", reads.regressions.length);
    figures.add("rollup rows that differ from a rebuild", rollups.mismatched);
    figures.add("wall time, s", seconds);

    figures.check("every post answered 200", totals.failures.length === 0, totals.failures.slice(0, 3).join("\n"));
    const ours = eventKey({ workflow: WORKFLOW, id: "c-" });
    figures.check("stored = unique ids", stored.rows === events.length && [...stored.ids].every((key) => key.startsWith(ours)));
    figures.check("accepted = unique ids", totals.accepted === events.length);
    figures.check("accepted + duplicates = events posted", totals.accepted + totals.duplicates === totals.items && totals.rejected === 0);
    figures.check("duplicated = 0", stored.duplicated === 0);
    figures.check("no torn or partial read", reads.torn.length === 0, reads.torn.slice(0, 5).join("\n"));
    figures.check("totals never decrease", reads.regressions.length === 0, reads.regressions.slice(0, 5).join("\n"));
    figures.check("reads answered 200", reads.non2xx === 0 && reads.requests > 0);
    figures.check(
      "final totals exact",
      finalTotals !== undefined && finalTotals.tasks === sizes.tasks && finalTotals.outputs === sizes.tasks && inconsistencies(finalTotals).length === 0,
      JSON.stringify(finalTotals && { outputs: finalTotals.outputs, tasks: finalTotals.tasks }),
    );
    figures.check("rollups equal a rebuild", rollups.mismatched === 0, rollups.details.join("\n"));
  } finally {
    await unwindCleanups(mark);
  }
}
