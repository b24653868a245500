// `npm run bench -- --only portfolio`: the portfolio's work per render without the server. A fresh database per
// dialect gets the demo program and --events demo events through ingestBatch (seedDemo, as `tollgate demo` loads
// them); then portfolioReport renders --queries times after a few warm-ups. CPU milliseconds per render are this
// process' user + system time, which other work on a shared machine inflates far less than wall time; on SQLite
// they include the SQL (the driver runs in-process), on Postgres only the client's side of it. The full run times
// the page itself over HTTP, with the layout, the session and React's render around this report.
import type { Database } from "@/lib/db/database";
import { seedDemo } from "@/lib/demo/seed";
import { countStatements } from "@/lib/db/statementCount";
import { quantile } from "@/lib/metrics/quantiles";
import { portfolioReport } from "@/lib/scorecards/portfolioReport";
import { progress } from "@/lib/cli/progress";
import { analyzeLikeAutovacuum } from "./analyze";

const WARM_UPS = 3;

export interface PortfolioFigures {
  rollouts: number;
  statementsPerRender: number;
  reportKB: number;
  renders: number;
  cpuMsPerRender: number;
  p50Ms: number;
  p95Ms: number;
}

export async function benchPortfolio(db: Database, options: { events: number; seed: number; end: Date; renders: number }): Promise<PortfolioFigures> {
  await seedDemo(db, { events: options.events, seed: options.seed, end: options.end }, progress("Demo events", options.events));
  await analyzeLikeAutovacuum(db);
  const counted = countStatements(db);
  const first = await portfolioReport(counted.db);
  const statementsPerRender = counted.count();
  for (let i = 1; i < WARM_UPS; i++) await portfolioReport(db);

  const durations: number[] = [];
  const bar = progress("Portfolio renders", options.renders);
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < options.renders; i++) {
    const started = performance.now();
    await portfolioReport(db);
    durations.push(performance.now() - started);
    bar.update(i + 1);
  }
  const cpu = process.cpuUsage(cpuBefore);
  bar.finish();
  durations.sort((a, b) => a - b);
  return {
    rollouts: first.rows.length,
    statementsPerRender,
    reportKB: Buffer.byteLength(JSON.stringify(first)) / 1024,
    renders: options.renders,
    cpuMsPerRender: (cpu.user + cpu.system) / 1000 / options.renders,
    p50Ms: quantile(durations, 0.5)!,
    p95Ms: quantile(durations, 0.95)!,
  };
}

export function formatPortfolio(f: PortfolioFigures): string {
  return [
    `  portfolioReport in-process: ${f.rollouts} rollouts, ${f.statementsPerRender} statements, ${f.reportKB.toFixed(1)} KB as JSON`,
    `  CPU per render ${f.cpuMsPerRender.toFixed(1)} ms · wall p50 ${f.p50Ms.toFixed(1)} ms, p95 ${f.p95Ms.toFixed(1)} ms (${f.renders} renders)`,
  ].join("\n");
}
