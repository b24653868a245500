// Command-line flags of `npm run drill` and the sizes of a full and a CI run.
import { DEFAULT_POSTGRES_ADMIN_URL } from "@/lib/db/throwaway";
import { UsageError } from "@/lib/errors";
import { parseDialectChoice, parseSeed, parseToolFlags, type DialectChoice } from "@/lib/testing/harness";

export const DRILL_NAMES = ["crash", "concurrency", "fuzz", "soak", "backup", "alerts", "pull", "instances"] as const;
export type DrillName = (typeof DRILL_NAMES)[number];

export const USAGE = `npm run drill -- [options]

Reliability drills against real Tollgate servers on throwaway databases: crash (SIGKILL during ingestion),
concurrency (overlapping batches, torn reads), fuzz (hostile input), soak (steady load, memory and latency),
backup (online backup and restore), alerts (SIGKILL between an incident's commit and its alert's delivery), pull
(SIGKILL of a Microsoft 365 puller half-way, then resume), instances (Postgres only: two servers on one database, one
SIGKILLed mid-stream; rate limit and retention across both). Prints a table of figures per drill and dialect, then
"N passed, M failed".

  --ci              bounded sizes for CI (a few minutes on two cores); default: full sizes (soak 10 minutes)
  --instances 2     the instances drill alone, on Postgres (the same as --only instances --dialect postgres)
  --only LIST       drills to run, comma-separated: ${DRILL_NAMES.join(",")} (default: all)
  --dialect D       sqlite | postgres | both (default: both when Postgres is reachable, else sqlite;
                    under CI=true Postgres must be reachable)
  --postgres URL    admin connection for throwaway Postgres databases (default ${DEFAULT_POSTGRES_ADMIN_URL})
  --seed S          seed of every generator and of the kill schedule (default: random, printed)
  --json FILE       also write the figures as JSON
  -h, --help        this text`;

export interface Sizes {
  crash: { events: number; kills: number; clients: number; batch: number };
  concurrency: { tasks: number; clients: number; batch: number; readers: number };
  /** `requests` is the run's total, split evenly between the dialects drilled (different samples for each). */
  fuzz: { requests: number; concurrency: number };
  soak: { preloadEvents: number; seconds: number; warmupSeconds: number; windowSeconds: number; batchesPerSecond: number; batch: number; readsPerSecond: number };
  backup: { knownEvents: number; extraEvents: number };
  /** Incidents, each acknowledged and then followed at once by a SIGKILL of the server. */
  alerts: { kills: number };
  /** Purview records the stand-in serves (a week of them), and how slowly it answers each blob. */
  pull: { records: number; blobDelayMs: number };
  /** Two servers on one Postgres: raced events posted to both at once, a stream during three kills, the limit's seconds. */
  instances: { racedEvents: number; events: number; clients: number; batch: number; limitSeconds: number };
}

export const CI_SIZES: Sizes = {
  crash: { events: 60_000, kills: 5, clients: 4, batch: 500 },
  concurrency: { tasks: 6_000, clients: 16, batch: 200, readers: 3 },
  fuzz: { requests: 10_000, concurrency: 4 },
  soak: { preloadEvents: 60_000, seconds: 60, warmupSeconds: 5, windowSeconds: 30, batchesPerSecond: 4, batch: 200, readsPerSecond: 10 },
  backup: { knownEvents: 20_000, extraEvents: 20_000 },
  alerts: { kills: 3 },
  pull: { records: 20_000, blobDelayMs: 15 },
  instances: { racedEvents: 4_000, events: 150_000, clients: 4, batch: 500, limitSeconds: 5 },
};

export const FULL_SIZES: Sizes = {
  crash: { events: 300_000, kills: 10, clients: 4, batch: 500 },
  concurrency: { tasks: 50_000, clients: 16, batch: 200, readers: 3 },
  fuzz: { requests: 40_000, concurrency: 4 },
  soak: { preloadEvents: 120_000, seconds: 600, warmupSeconds: 30, windowSeconds: 60, batchesPerSecond: 4, batch: 200, readsPerSecond: 10 },
  backup: { knownEvents: 200_000, extraEvents: 100_000 },
  alerts: { kills: 6 },
  pull: { records: 100_000, blobDelayMs: 15 },
  instances: { racedEvents: 20_000, events: 400_000, clients: 4, batch: 500, limitSeconds: 10 },
};

export interface DrillOptions {
  ci: boolean;
  only: DrillName[];
  dialect: DialectChoice;
  postgresAdminUrl: string;
  seed: number;
  json: string | null;
  sizes: Sizes;
}

/** Parses the flags; returns null when the usage text was asked for. */
export function parseDrillOptions(argv: string[]): DrillOptions | null {
  const values = parseToolFlags(argv, {
    ci: { type: "boolean" },
    only: { type: "string" },
    dialect: { type: "string" },
    postgres: { type: "string" },
    seed: { type: "string" },
    json: { type: "string" },
    instances: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return null;

  if (values.instances !== undefined) {
    if (values.instances !== "2") throw new UsageError(`--instances takes 2 (the drill runs two servers on one database), got "${values.instances}".`);
    if (values.only !== undefined) throw new UsageError("--instances runs the instances drill alone; leave out --only.");
    values.only = "instances";
    values.dialect ??= "postgres";
  }
  const only = values.only === undefined ? [...DRILL_NAMES] : values.only.split(",").map((s) => s.trim()).filter(Boolean);
  for (const name of only) {
    if (!(DRILL_NAMES as readonly string[]).includes(name)) throw new UsageError(`--only: unknown drill "${name}"; drills are ${DRILL_NAMES.join(", ")}.`);
  }
  if (only.length === 0) throw new UsageError("--only names no drill.");
  const dialect = parseDialectChoice(values.dialect);
  const seed = parseSeed(values.seed, Math.floor(Math.random() * 2 ** 31));
  const ci = values.ci ?? false;
  return {
    ci,
    only: DRILL_NAMES.filter((name) => only.includes(name)),
    dialect,
    postgresAdminUrl: values.postgres ?? process.env.TOLLGATE_DRILL_PG_URL ?? DEFAULT_POSTGRES_ADMIN_URL,
    seed,
    json: values.json ?? null,
    sizes: ci ? CI_SIZES : FULL_SIZES,
  };
}
