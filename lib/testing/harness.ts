// What the benchmark (bench/) and the reliability drills (drills/) share as command-line tools: their common flags,
// the choice of dialects, the cleanup stack that Ctrl-C unwinds, the text tables they print, and how a run ends.
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Dialect } from "@/lib/db/dialect";
import { postgresReachable } from "@/lib/db/throwaway";
import { UsageError } from "@/lib/errors";

export const DIALECT_NAMES: Record<Dialect, string> = { sqlite: "SQLite", postgres: "Postgres" };

export type DialectChoice = "sqlite" | "postgres" | "both" | "auto";

/** node:util parseArgs for a tool without positional arguments; a bad flag is a UsageError. */
export function parseToolFlags<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function parseDialectChoice(value: string | undefined): DialectChoice {
  const dialect = value ?? "auto";
  if (dialect !== "sqlite" && dialect !== "postgres" && dialect !== "both" && dialect !== "auto") {
    throw new UsageError(`--dialect is sqlite, postgres or both, got "${dialect}".`);
  }
  return dialect;
}

export function parseSeed(value: string | undefined, fallback: number): number {
  const seed = value === undefined ? fallback : Number(value);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed must be a whole number ≥ 0, got "${value}".`);
  return seed;
}

/**
 * The dialects a run covers: `auto` is both when Postgres answers, else SQLite alone with the reason in `skipped`
 * (under CI=true, when `postgresRequiredInCi`, a missing Postgres is an error instead).
 */
export async function chooseDialects(
  choice: DialectChoice,
  postgresAdminUrl: string,
  { postgresRequiredInCi }: { postgresRequiredInCi: boolean },
): Promise<{ dialects: Dialect[]; skipped: string[] }> {
  if (choice === "sqlite") return { dialects: ["sqlite"], skipped: [] };
  const reachable = await postgresReachable(postgresAdminUrl);
  const reason = `Postgres is not reachable at ${postgresAdminUrl}`;
  if (choice === "auto") {
    if (reachable) return { dialects: ["sqlite", "postgres"], skipped: [] };
    if (postgresRequiredInCi && process.env.CI === "true") throw new UsageError(`CI=true but ${reason}; the run must cover both dialects in CI.`);
    console.error(`${reason}: running on SQLite only.`);
    return { dialects: ["sqlite"], skipped: [reason] };
  }
  if (!reachable) throw new UsageError(`--dialect ${choice}: ${reason}.`);
  return { dialects: choice === "both" ? ["sqlite", "postgres"] : ["postgres"], skipped: [] };
}

// Cleanup steps (stop servers, drop databases, remove temp files), newest first. A run unwinds its own as each
// phase ends; Ctrl-C or SIGTERM unwinds whatever is left before exiting.
const cleanups: (() => Promise<void> | void)[] = [];

export function onCleanup(step: () => Promise<void> | void): void {
  cleanups.push(step);
}

export function cleanupMark(): number {
  return cleanups.length;
}

export async function unwindCleanups(downTo = 0): Promise<void> {
  while (cleanups.length > downTo) {
    const step = cleanups.pop()!;
    try {
      await step();
    } catch (error) {
      console.error(`Cleanup failed: ${(error as Error).message}`);
    }
  }
}

let interrupted = false;

/** True once SIGINT or SIGTERM arrived: a failure after that is the interruption itself. */
export function wasInterrupted(): boolean {
  return interrupted;
}

/**
 * Runs a tool's main: Ctrl-C or SIGTERM unwinds the cleanups and exits 130; a UsageError prints the usage and exits
 * 2; any other error exits 1. On success the process exits at once, so pooled connections and keep-alive sockets
 * do not keep a finished run waiting.
 */
export function runTool(main: () => Promise<void>, usage: string, whatStops: string): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      interrupted = true;
      console.error(`\n${signal}: ${whatStops}…`);
      void unwindCleanups().finally(() => process.exit(130));
    });
  }
  main().then(
    () => process.exit(process.exitCode ?? 0),
    async (error: unknown) => {
      await unwindCleanups();
      if (error instanceof UsageError) {
        console.error(`${error.message}\n\n${usage}`);
        process.exit(2);
      }
      console.error(error);
      process.exit(1);
    },
  );
}

/** Pads the cells into columns two spaces apart; `align` holds one letter per column, l(eft) or r(ight). */
export function textTable(rows: string[][], align: string, indent = "  "): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => indent + row.map((cell, i) => (align[i] === "r" ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ").trimEnd())
    .join("\n");
}
