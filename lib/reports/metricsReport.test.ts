// Property test of the whole metrics path: random events (late, duplicated, shuffled, sent concurrently) are ingested;
// the report must equal a naive in-memory computation of every definition, and the incremental rollups must equal
// a rebuild from the raw events — on both databases.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testProgram, testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { rebuildRollups, ROLLUP_TABLES } from "@/lib/ingest/rebuildRollups";
import { quantile } from "@/lib/metrics/quantiles";
import { localDay, periodsOf, type Granularity } from "@/lib/time";
import { VERDICTS, ERROR_CATEGORIES } from "@/lib/contract/vocabulary";
import type { Database } from "@/lib/db/database";
import { mulberry32 } from "@/lib/random";
import { metricsReport } from "./metricsReport";
import { cohortsReport } from "./cohortsReport";

const TIMEZONE = "America/New_York";
const now = new Date("2026-11-20T00:00:00Z");

type TestEvent = Record<string, unknown> & { id: string; type: string; workflow: string; cohort: string; taskId: string; occurredAt: string };

function randomEvents(seed: number, count: number): TestEvent[] {
  const random = mulberry32(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  // Three weeks around the end of daylight saving time in New York (1 November 2026).
  const start = Date.parse("2026-10-19T00:00:00Z");
  const span = 21 * 24 * 3600 * 1000;
  return Array.from({ length: count }, (_, i) => {
    const type = pick(["output", "output", "review", "review", "review", "escalation", "completion", "completion", "incident", "feedback"]);
    const event: TestEvent = {
      id: `p${seed}-${i}`,
      type,
      workflow: pick(["ticket-triage", "crm-enrichment"]),
      cohort: pick(["support-pilot", "sales-pilot"]),
      taskId: `t${Math.floor(random() * 60)}`,
      occurredAt: new Date(start + Math.floor(random() * span)).toISOString(),
    };
    if (random() < 0.8) event.actor = `user-${Math.floor(random() * 8)}`;
    if (random() < 0.7) event.agentVersion = pick(["1.0", "2.0"]);
    if (type === "output") event.outputKind = "draft";
    if (type === "review") {
      event.verdict = pick(VERDICTS);
      if (random() < 0.4) event.errorCategory = pick(ERROR_CATEGORIES);
    }
    if (type === "completion") {
      event.mode = random() < 0.6 ? "agent" : "manual";
      event.durationMs = Math.round(Math.exp(10 + random() * 2 + (event.mode === "manual" ? 0.7 : 0)));
    }
    if (type === "incident") {
      event.category = pick(ERROR_CATEGORIES);
      event.severity = pick([1, 2, 3]);
    }
    if (type === "feedback") {
      if (random() < 0.6) event.rating = pick(["positive", "positive", "negative"]);
      else event.score = pick([1, 2, 3, 4, 5]);
    }
    return event;
  });
}

async function ingestMessily(db: Database, events: TestEvent[], seed: number) {
  const random = mulberry32(seed * 7919);
  // Resend a tenth of the events, as a client retrying an unacknowledged batch would.
  const resent = events.filter(() => random() < 0.1);
  const stream = [...events, ...resent].sort(() => random() - 0.5);
  const batches: TestEvent[][] = [];
  for (let i = 0; i < stream.length; ) {
    const size = 1 + Math.floor(random() * 120);
    batches.push(stream.slice(i, i + size));
    i += size;
  }
  for (let i = 0; i < batches.length; i += 3) {
    const results = await Promise.all(batches.slice(i, i + 3).map((b) => ingestBatch(db, b, { now })));
    for (const result of results) expect(result.rejected).toEqual([]);
  }
}

/** Every definition, computed the obvious way from the events that count (first occurrence of each id). */
function naive(events: TestEvent[], filter: { workflow: string; cohort?: string; agentVersion?: string }, from: string, to: string) {
  const inScope = events.filter(
    (e) =>
      e.workflow === filter.workflow &&
      (filter.cohort === undefined || e.cohort === filter.cohort) &&
      (filter.agentVersion === undefined || (e.agentVersion ?? "") === filter.agentVersion),
  );
  const day = (e: TestEvent) => localDay(new Date(e.occurredAt), TIMEZONE);
  const inWindow = inScope.filter((e) => day(e) >= from && day(e) < to);
  const reviews = inWindow.filter((e) => e.type === "review");
  const verdict = (v: string) => reviews.filter((e) => e.verdict === v).length;
  // Tasks: start at the first output or escalation (at any time); the start's version decides the version filter.
  const taskEvents = new Map<string, TestEvent[]>();
  for (const e of events.filter((e) => e.workflow === filter.workflow && (filter.cohort === undefined || e.cohort === filter.cohort))) {
    if (e.type !== "output" && e.type !== "escalation") continue;
    const key = `${e.cohort}/${e.taskId}`;
    taskEvents.set(key, [...(taskEvents.get(key) ?? []), e]);
  }
  let tasks = 0;
  let escalatedTasks = 0;
  for (const list of taskEvents.values()) {
    const first = [...list].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))[0]!;
    if (day(first) < from || day(first) >= to) continue;
    if (filter.agentVersion !== undefined && (first.agentVersion ?? "") !== filter.agentVersion) continue;
    tasks++;
    if (list.some((e) => e.type === "escalation")) escalatedTasks++;
  }
  const durations = (mode: string) =>
    inWindow.filter((e) => e.type === "completion" && e.mode === mode).map((e) => e.durationMs as number).sort((a, b) => a - b);
  const incidents = inWindow.filter((e) => e.type === "incident");
  const errorCategories: Record<string, number> = {};
  for (const e of [...reviews.filter((r) => r.errorCategory), ...incidents]) {
    const category = (e.errorCategory ?? e.category) as string;
    errorCategories[category] = (errorCategories[category] ?? 0) + 1;
  }
  const feedback = inWindow.filter((e) => e.type === "feedback");
  const scores = feedback.filter((e) => e.score !== undefined).map((e) => e.score as number);
  return {
    positive: feedback.filter((e) => e.rating === "positive").length,
    negative: feedback.filter((e) => e.rating === "negative").length,
    csat: { n: scores.length, mean: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null },
    outputs: inWindow.filter((e) => e.type === "output").length,
    reviews: reviews.length,
    accepted: verdict("accepted"),
    lightEdits: verdict("light_edit"),
    heavyEdits: verdict("heavy_edit"),
    rejected: verdict("rejected"),
    tasks,
    escalatedTasks,
    activeActors: new Set(inWindow.filter((e) => e.actor).map((e) => e.actor)).size,
    incidents: incidents.length,
    errorCategories,
    agent: durations("agent"),
    manual: durations("manual"),
  };
}

function expectClose(actual: number | null, exact: number | null) {
  if (exact === null) return expect(actual).toBeNull();
  expect(Math.abs(actual! - exact)).toBeLessThanOrEqual(exact * 0.01 + 1e-9);
}

async function rollupTables(db: Database) {
  const tables: Record<string, unknown[]> = {};
  for (const table of ROLLUP_TABLES) {
    const rows = await db.sql.query<Record<string, unknown>>(`SELECT * FROM "${table}"`);
    tables[table] = rows
      .map((row) => JSON.stringify(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)])))
      .filter((row) => !(table === "TaskDay" && row.includes('["tasks","0"]')))
      .sort();
  }
  return tables;
}

describeEachDatabase(
  "metrics report against a naive computation",
  (database) => {
    it("matches every definition for random, late, duplicated and concurrent events, before and after a rebuild", async () => {
      const db = database();
      await applyProgram(db, { ...testProgram, rollouts: [] }, testActor);
      const events = randomEvents(42, 1500);
      await ingestMessily(db, events, 42);

      const check = async () => {
        const filters = [
          { workflow: "ticket-triage", cohort: "support-pilot" },
          { workflow: "crm-enrichment", cohort: "sales-pilot", agentVersion: "2.0" },
          { workflow: "ticket-triage" },
        ];
        const windows: [string, string, Granularity][] = [
          ["2026-10-19", "2026-11-09", "week"],
          ["2026-10-28", "2026-11-04", "day"],
          ["2026-10-21", "2026-11-07", "total"],
        ];
        for (const filter of filters) {
          for (const [from, to, granularity] of windows) {
            const report = await metricsReport(db, { ...filter, from, to, granularity });
            const periods = periodsOf(from, to, granularity);
            expect(report.series.map((p) => p.periodStart)).toEqual(periods.map((p) => p.start));
            report.series.forEach((point, i) => {
              const expected = naive(events, filter, periods[i]!.from, periods[i]!.to);
              const { agent, manual, positive, negative, csat, ...counts } = expected;
              expect({
                outputs: point.outputs,
                reviews: point.reviews,
                accepted: point.accepted,
                lightEdits: point.lightEdits,
                heavyEdits: point.heavyEdits,
                rejected: point.rejected,
                tasks: point.tasks,
                escalatedTasks: point.escalatedTasks,
                activeActors: point.activeActors,
                incidents: point.incidents.total,
                errorCategories: point.errorCategories,
              }).toEqual(counts);
              expect(point.precision.value).toBe(expected.reviews ? (expected.accepted + expected.lightEdits) / expected.reviews : null);
              expect(point.escalationRate.value).toBe(expected.tasks ? expected.escalatedTasks / expected.tasks : null);
              expect(point.cycleTime.agent.n).toBe(agent.length);
              // Feedback is counted apart from reviews: thumbs and CSAT, never a verdict.
              expect([point.feedbackRatings, point.positiveFeedbackRate.value]).toEqual([positive + negative, positive + negative ? positive / (positive + negative) : null]);
              expect(point.csatMean.n).toBe(csat.n);
              expectClose(point.csatMean.value, csat.mean);
              expectClose(point.cycleTime.agent.p50, quantile(agent, 0.5));
              expectClose(point.cycleTime.manual.p90, quantile(manual, 0.9));
            });
            // The measured baseline: every manual completion of the workflow (or cohort), at any time.
            const allManual = naive(events, { workflow: filter.workflow, cohort: filter.cohort }, "2000-01-01", "2100-01-01").manual;
            expect(report.baseline.source).toBe("measured");
            expect(report.baseline.n).toBe(allManual.length);
            expectClose(report.baseline.p50, quantile(allManual, 0.5));
          }
        }
      };

      await check();
      const incremental = await rollupTables(db);
      await rebuildRollups(db, TIMEZONE);
      expect(await rollupTables(db)).toEqual(incremental);
      await check();
    });

    it("uses the configured baseline of a rollout and compares cohorts against their own baselines", async () => {
      const db = database();
      await applyProgram(db, testProgram, testActor);
      const report = await metricsReport(db, { workflow: "ticket-triage", cohort: "support-pilot", from: "2026-10-19", to: "2026-11-09", granularity: "total" });
      expect(report.baseline).toEqual({ source: "configured", p50: 600000, n: null });
      const agentP50 = report.series[0]!.cycleTime.agent.p50!;
      expect(report.cycleTimeReduction.value).toBeCloseTo(1 - agentP50 / 600000, 10);
      expect(report.cycleTimeReduction.low!).toBeLessThanOrEqual(report.cycleTimeReduction.value!);
      expect(report.cycleTimeReduction.high!).toBeGreaterThanOrEqual(report.cycleTimeReduction.value!);

      const cohorts = await cohortsReport(db, { workflow: "ticket-triage", from: "2026-10-19", to: "2026-11-09" });
      expect(cohorts.cohorts.map((c) => [c.cohort, c.baseline.source])).toEqual([["support-pilot", "configured"]]);
      expect(cohorts.cohorts[0]!.totals.reviews).toBe(report.series[0]!.reviews);
    });
  },
  { timezone: TIMEZONE },
);
