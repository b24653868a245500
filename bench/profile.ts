// Where ingestion's time goes: reads V8 CPU profiles (node --cpu-prof, or the server's --cpu-prof) and splits every
// sample into one phase of the write path by the frames on its stack. A sample belongs to the first phase in
// PHASES whose frames appear anywhere on its stack, so time inside a rollup statement counts as rollups, not as the
// SQL driver; what no phase claims is "other".
// Frames of the built server (bundled, minified chunks under .next) are mapped back to their sources through the
// chunks' source maps. With --ingestion, only the samples from the first to the last one with lib/ingest on its
// stack count: the server's ingestion phase alone, without its start or the read-latency phase after it (whose
// HTTP handling would otherwise count as ingestion's).
//   node --import tsx bench/profile.ts [--ingestion] DIR_OR_FILES…
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SourceMap } from "node:module";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber?: number;
  columnNumber?: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

type Matcher = (frame: CallFrame) => boolean;
const inFile = (part: string): Matcher => (frame) => frame.url.includes(part);
const named = (...names: string[]): Matcher => (frame) => names.includes(frame.functionName);

/** The write path's phases, most specific first. */
export const PHASES: { phase: string; matches: Matcher[] }[] = [
  { phase: "bench: writing sample files", matches: [inFile("lib/sources/samples/"), inFile("lib/demo/"), inFile("bench/")] },
  { phase: "reads (dashboards, API)", matches: [inFile("lib/reports/"), inFile("lib/scorecards/"), inFile("app/(signed-in)/")] },
  { phase: "rollups", matches: [inFile("lib/ingest/rollups.ts")] },
  { phase: "alerts outbox", matches: [inFile("lib/alerts/outbox.ts")] },
  { phase: "insert", matches: [named("insertNew"), inFile("lib/db/bulk.ts")] },
  { phase: "pseudonymization", matches: [named("pseudonymizeActor")] },
  { phase: "validation", matches: [inFile("node_modules/zod/"), inFile("lib/contract/")] },
  { phase: "normalize, dedupe", matches: [inFile("lib/ingest/")] },
  { phase: "commit, transaction", matches: [inFile("lib/db/sql.ts"), inFile("lib/db/transaction.ts")] },
  { phase: "sources: parse, derive", matches: [inFile("lib/sources/"), inFile("node_modules/csv-parse/")] },
  { phase: "HTTP, JSON, auth", matches: [inFile("node_modules/next/"), inFile("lib/api/"), inFile("lib/http"), inFile("lib/auth/"), inFile("node:_http"), inFile("node:internal/deps/undici"), named("JSON.parse", "parse")] },
  { phase: "garbage collection", matches: [named("(garbage collector)")] },
  { phase: "idle", matches: [named("(idle)", "(program)")] },
];

const sourceMaps = new Map<string, SourceMap | null>();

/** The frame as its source names it, for frames of a chunk with a source map; else unchanged. */
export function originalFrame(frame: CallFrame): CallFrame {
  if (!frame.url.includes("/.next/") || frame.lineNumber === undefined) return frame;
  let map = sourceMaps.get(frame.url);
  if (map === undefined) {
    const file = `${frame.url.startsWith("file:") ? fileURLToPath(frame.url) : frame.url}.map`;
    map = fs.existsSync(file) ? new SourceMap(JSON.parse(fs.readFileSync(file, "utf8"))) : null;
    sourceMaps.set(frame.url, map);
  }
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber ?? 0);
  if (!entry || !("originalSource" in entry)) return frame;
  return { functionName: frame.functionName, url: entry.originalSource, lineNumber: entry.originalLine };
}

export function phaseTimes(profile: Profile, ingestionOnly = false): Map<string, number> {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const phaseOfNode = new Map<number, string>();
  const phaseOf = (id: number): string => {
    const known = phaseOfNode.get(id);
    if (known) return known;
    const frames: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(originalFrame(byId.get(at)!.callFrame));
    const phase = PHASES.find(({ matches }) => frames.some((frame) => matches.some((m) => m(frame))))?.phase ?? "other";
    phaseOfNode.set(id, phase);
    return phase;
  };
  const inIngestion = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (originalFrame(byId.get(at)!.callFrame).url.includes("lib/ingest/")) return true;
    return false;
  };
  const ingestion = ingestionOnly ? profile.samples.flatMap((id, i) => (inIngestion(id) ? [i] : [])) : [];
  const [first, last] = ingestionOnly ? [ingestion[0] ?? 0, ingestion.at(-1) ?? -1] : [0, profile.samples.length - 1];
  const times = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (i < first || i > last) return;
    const phase = phaseOf(id);
    times.set(phase, (times.get(phase) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return times;
}

function main(argv: string[]): void {
  const ingestionOnly = argv.includes("--ingestion");
  const args = argv.filter((arg) => arg !== "--ingestion");
  const files = args.flatMap((arg) => (fs.statSync(arg).isDirectory() ? fs.readdirSync(arg).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(arg, f)) : [arg]));
  const total = new Map<string, number>();
  for (const file of files) for (const [phase, ms] of phaseTimes(JSON.parse(fs.readFileSync(file, "utf8")) as Profile, ingestionOnly)) total.set(phase, (total.get(phase) ?? 0) + ms);
  const busy = [...total].filter(([phase]) => phase !== "idle").reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`phase                       ms   share of busy time`);
  for (const [phase, ms] of [...total].sort((a, b) => b[1] - a[1])) {
    console.log(`${phase.padEnd(24)}${ms.toFixed(0).padStart(7)}   ${phase === "idle" ? "" : `${((100 * ms) / busy).toFixed(1)}%`}`);
  }
}

if (import.meta.filename === process.argv[1]) main(process.argv.slice(2));
