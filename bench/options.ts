// Command-line flags of `npm run bench`.
import { DEFAULT_POSTGRES_ADMIN_URL } from "@/lib/db/throwaway";
import { UsageError } from "@/lib/errors";
import { parseDialectChoice, parseSeed, parseToolFlags, type DialectChoice } from "@/lib/testing/harness";

export const USAGE = `npm run bench -- [options]

Generates demo events into fresh databases, then measures HTTP ingestion against the raw driver's insert rate,
the latency of the read API and of the portfolio page, and the server's peak RSS. Prints a table per dialect and
writes bench/results.json.

  --events N        events to generate (default 1000000; 10000000, 10_000_000 and 1e7 are all accepted)
  --seed S          seed of the demo generator (default 7)
  --dialect D       sqlite | postgres | both (default: sqlite, plus postgres when it is reachable)
  --postgres URL    admin connection for throwaway Postgres databases (default ${DEFAULT_POSTGRES_ADMIN_URL})
  --port P          port of the server under test (default: a free port)
  --queries N       latency samples per endpoint, after a few warm-ups (default 200)
  --records N       Purview records per sample export in the Microsoft 365 import phase (default 100000)
  --only sources    run only the Microsoft 365 import phase (no server; a quick check of records/s)
  --only portfolio  seed --events demo events in-process, then time --queries renders of the portfolio's report
                    (no server; CPU per render, statements, size)
  -h, --help        this text`;

export interface BenchOptions {
  events: number;
  seed: number;
  dialect: DialectChoice;
  postgresAdminUrl: string;
  port: number | null;
  queries: number;
  records: number;
  /** One phase alone, without the server. */
  only: "sources" | "portfolio" | null;
}

/** A positive whole number written as 1000000, 1_000_000, 1,000,000 or 1e6. */
function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/[_,]/g, ""));
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${flag} must be a positive whole number, got "${value}".`);
  return n;
}

function onlyPhase(value: string | undefined): BenchOptions["only"] {
  if (value !== undefined && value !== "sources" && value !== "portfolio") throw new UsageError(`--only takes "sources" or "portfolio", got "${value}".`);
  return value ?? null;
}

/** Parses the flags; returns null when the usage text was asked for. */
export function parseBenchOptions(argv: string[]): BenchOptions | null {
  const values = parseToolFlags(argv, {
    events: { type: "string" },
    seed: { type: "string" },
    dialect: { type: "string" },
    postgres: { type: "string" },
    port: { type: "string" },
    queries: { type: "string" },
    records: { type: "string" },
    only: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return null;

  const dialect = parseDialectChoice(values.dialect);
  const seed = parseSeed(values.seed, 7);
  const port = values.port === undefined ? null : positiveInt(values.port, "port", 0);
  if (port !== null && port > 65_535) throw new UsageError(`--port must be at most 65535, got ${port}.`);

  return {
    events: positiveInt(values.events, "events", 1_000_000),
    seed,
    dialect,
    postgresAdminUrl: values.postgres ?? process.env.TOLLGATE_BENCH_PG_URL ?? DEFAULT_POSTGRES_ADMIN_URL,
    port,
    queries: positiveInt(values.queries, "queries", 200),
    records: positiveInt(values.records, "records", 100_000),
    only: onlyPhase(values.only),
  };
}
