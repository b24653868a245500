// The `tollgate` command line (npx tollgate …, npm start). Each command is a small function over lib/.
// Commands import what they need when they run: `postinstall` must work before the Prisma clients exist.
import fs from "node:fs";
import path from "node:path";
import { ZodError } from "zod";
import { createMigration, generateClients, schemaDrift } from "@/lib/db/schema";
import { fieldErrors } from "@/lib/contract/common";
import { UsageError, UserFacingError } from "@/lib/errors";
import { parseCommandArgs, positiveInt } from "./args";
import { progress } from "./progress";
import { cliActor } from "@/lib/audit/audit";
import type { Database } from "@/lib/db/database";

const HELP = `tollgate: evidence-based gates for rolling out enterprise AI agents

  tollgate start [--port N] [--no-build]   migrate, seed the demo when empty, build when stale, serve (npm start)
  tollgate migrate                         apply pending database migrations
  tollgate apply -f program.json           apply the program registry (idempotent)
  tollgate keys create --name NAME --scopes ingest,read,admin,review [--workflows a,b]
  tollgate keys list | keys revoke --name NAME
  tollgate users create --email E --role admin[,owner,board,viewer] [--workflows a,b] [--password-stdin]
  tollgate users list | users link --email E | users password --email E | users set --email E [--role …] [--disable|--enable]
  tollgate import FILE [--format ndjson|csv] import events through the ingestion validation
  tollgate import --source KEY FILE… [--dry-run] [--format csv|json|ndjson]   import Microsoft 365 exports
  tollgate pull --source KEY [--since ISO]  pull a Microsoft 365 source now (Management Activity API, Dataverse)
  tollgate directory import people.csv [--cohort-from COLUMN] | directory list   who belongs to which cohort
  tollgate demo [--events N] [--seed S]    load the demo program and N generated events
  tollgate demo --m365 DIR [--records N]   write sample Purview and Copilot Studio exports to DIR
  tollgate rollups rebuild                 recompute all rollups from raw events (in TOLLGATE_TIMEZONE)
  tollgate export --week 2026-W47|last --format csv|json|pdf --out FILE   the weekly scorecard export
  tollgate retention run | status          purge raw events past the retention period; show days, watermark, holds
  tollgate retention set --days N          raw events are kept N days (30–36500; default 400)
  tollgate retention hold --workflow W --reason "…" | release --workflow W   legal hold: keep W's raw events
  tollgate backup --out FILE [--force]     online backup of the database (SQLite; pg_dump on Postgres)
  tollgate restore --from FILE [--force]   restore a backup into DATABASE_URL (stop Tollgate first)
  tollgate db generate | db check | db migration NAME   (developers: schemas and migrations)

Configuration: DATABASE_URL, PORT, TOLLGATE_TIMEZONE, TOLLGATE_DEMO, TOLLGATE_ACTOR_SECRET(_FILE), TOLLGATE_RETENTION_JOB,
TOLLGATE_M365_TENANT_ID, TOLLGATE_M365_CLIENT_ID, TOLLGATE_M365_CLIENT_SECRET or TOLLGATE_M365_CERTIFICATE_PATH, TOLLGATE_PULL_JOBS
(see README.md).`;

type Command = (args: string[]) => Promise<void>;

async function withDatabase<T>(fn: (db: Database) => Promise<T>, allowTimezoneChange = false) {
  const { openPreparedDatabase } = await import("./setup");
  const { db } = await openPreparedDatabase({ log: (line) => console.error(line), allowTimezoneChange });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const list = (value: string | undefined) => (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);

const commands: Record<string, Command> = {
  async start(args) {
    const { start } = await import("./start");
    const { values } = parseCommandArgs(args, { port: { type: "string" }, "no-build": { type: "boolean" } }, "tollgate start [--port N]");
    await start({ port: positiveInt(values.port ?? process.env.PORT, "port", 3000), build: !values["no-build"] });
  },

  async migrate() {
    await withDatabase(async () => console.log("Database is up to date."));
  },

  async apply(args) {
    const { applyProgram } = await import("@/lib/program/applyProgram");
    const usage = "tollgate apply -f program.json";
    const { values } = parseCommandArgs(args, { file: { type: "string", short: "f" } }, usage);
    if (!values.file) throw new UsageError(`Name the program file.\nUsage: ${usage}`);
    let document: unknown;
    try {
      document = JSON.parse(fs.readFileSync(values.file, "utf8"));
    } catch (error) {
      throw new UsageError(`${values.file}: ${(error as Error).message}`);
    }
    const summary = await withDatabase((db) => applyProgram(db, document, cliActor()));
    for (const kind of ["workflows", "cohorts", "rollouts", "gates", "sources", "directory", "alertChannels", "alertRules"] as const) {
      const c = summary[kind];
      console.log(`${kind.padEnd(13)} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
    }
    console.log(summary.changed ? "Program applied." : "No changes: the registry already matches the file.");
  },

  async keys(args) {
    const { createApiKey, listApiKeys, revokeApiKey } = await import("@/lib/auth/keys");
    const [action, ...rest] = args;
    if (action === "create") {
      const usage = "tollgate keys create --name NAME --scopes ingest,read,admin,review [--workflows a,b]";
      const { values } = parseCommandArgs(rest, { name: { type: "string" }, scopes: { type: "string" }, workflows: { type: "string" } }, usage);
      if (!values.name || !values.scopes) throw new UsageError(`Name the key and its scopes.\nUsage: ${usage}`);
      const { secret, key } = await withDatabase((db) =>
        createApiKey(db, { name: values.name!, scopes: list(values.scopes), workflows: list(values.workflows) }, cliActor()),
      );
      console.error(`Created key "${key.name}" with scopes ${key.scopes.join(", ")}${key.workflows ? ` for ${key.workflows.join(", ")}` : ""}.`);
      console.error("Store the secret now: it is shown only once.");
      console.log(secret);
    } else if (action === "list") {
      const keys = await withDatabase(listApiKeys);
      if (keys.length === 0) console.log("No API keys yet. Create one with: npx tollgate keys create --name NAME --scopes ingest");
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active";
        console.log(`${k.name.padEnd(24)} ${k.prefix}…  ${k.scopes.join(",").padEnd(18)} ${(k.workflows?.join(",") ?? "all workflows").padEnd(24)} ${state}`);
      }
    } else if (action === "revoke") {
      const { values } = parseCommandArgs(rest, { name: { type: "string" } }, "tollgate keys revoke --name NAME");
      if (!values.name) throw new UsageError("Usage: tollgate keys revoke --name NAME");
      await withDatabase((db) => revokeApiKey(db, values.name!, cliActor()));
      console.log(`Revoked key "${values.name}".`);
    } else throw new UsageError("Usage: tollgate keys create|list|revoke");
  },

  async users(args) {
    const { usersCommand } = await import("./users");
    await usersCommand(args, withDatabase);
  },

  async import(args) {
    if (args.some((arg) => arg === "--source" || arg.startsWith("--source="))) {
      const { importSourceCommand } = await import("./sources");
      return importSourceCommand(args, withDatabase);
    }
    const { importFile } = await import("./import");
    const usage = "tollgate import FILE [--format ndjson|csv]";
    const { values, positionals } = parseCommandArgs(args, { format: { type: "string" } }, usage);
    const [file] = positionals;
    if (!file) throw new UsageError(`Name the file to import.\nUsage: ${usage}`);
    if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
    if (values.format && values.format !== "csv" && values.format !== "ndjson") throw new UsageError("--format is ndjson or csv");
    const report = await withDatabase((db) => importFile(db, file, values.format as "csv" | "ndjson" | undefined));
    for (const r of report.rejected.slice(0, 50)) console.error(`line ${r.line}: ${r.errors.join("; ")}`);
    if (report.rejected.length > 50) console.error(`… and ${report.rejected.length - 50} more rejected lines`);
    console.log(`${report.lines} lines: ${report.accepted} accepted, ${report.duplicates} duplicates, ${report.rejected.length} rejected.`);
    if (report.rejected.length) process.exitCode = 2;
  },

  async pull(args) {
    const { pullCommand } = await import("./sources");
    await pullCommand(args, withDatabase);
  },

  async directory(args) {
    const { directoryCommand } = await import("./sources");
    await directoryCommand(args, withDatabase);
  },

  async demo(args) {
    const options = { events: { type: "string" }, seed: { type: "string" }, weeks: { type: "string" }, m365: { type: "string" }, records: { type: "string" } } as const;
    const { values } = parseCommandArgs(args, options, "tollgate demo [--events N] [--seed S] | demo --m365 DIR [--records N]");
    if (values.m365) {
      const { demoM365Command } = await import("./sources");
      return demoM365Command(values.m365, values);
    }
    const { seedDemo } = await import("@/lib/demo/seed");
    const events = positiveInt(values.events, "events", 120_000);
    const result = await withDatabase((db) =>
      seedDemo(db, { events, seed: positiveInt(values.seed, "seed", 7), weeks: positiveInt(values.weeks, "weeks", 12) }, progress("Demo events", events)),
    );
    console.log(`Demo loaded: ${result.accepted} events accepted, ${result.duplicates} duplicates.`);
  },

  async export(args) {
    const usage = "tollgate export --week 2026-W47|last --format csv|json|pdf --out FILE";
    const { values } = parseCommandArgs(args, { week: { type: "string" }, format: { type: "string" }, out: { type: "string" } }, usage);
    const { weeklyExportQuery } = await import("@/lib/contract/query");
    const parsed = weeklyExportQuery.safeParse({ week: values.week ?? "last", format: values.format ?? "csv" });
    if (!parsed.success) throw new UsageError(`${fieldErrors(parsed.error).map((e) => `--${e.path}: ${e.message}`).join("\n")}\nUsage: ${usage}`);
    const { weeklyExport } = await import("@/lib/exports/weekly");
    const { exportFileName, renderWeekly } = await import("@/lib/exports/render");
    const { InvalidParameterError } = await import("@/lib/errors");
    let bar: ReturnType<typeof progress> | undefined;
    const onProgress = (done: number, total: number) => {
      bar ??= progress("Evaluating rollouts", total);
      if (done === total) bar.finish(`${total} rollouts`);
      else bar.update(done, `${done}/${total} rollouts`);
    };
    const file = await withDatabase(async (db) => {
      const report = await weeklyExport(db, parsed.data.week, { onProgress }).catch((error: unknown) => {
        if (error instanceof InvalidParameterError) throw new UsageError(`--week: ${error.message}`);
        throw error;
      });
      return { report, bytes: await renderWeekly(report, parsed.data.format) };
    });
    const out = values.out ?? exportFileName(file.report, parsed.data.format);
    fs.writeFileSync(out, file.bytes);
    console.log(`Wrote ${out}: ${file.report.rows.length} rollouts, week ${file.report.week} (${file.report.from} to ${file.report.to}, ${file.report.timezone}).`);
  },

  async rollups(args) {
    if (args[0] !== "rebuild") throw new UsageError("Usage: tollgate rollups rebuild");
    const { rebuildRollups } = await import("@/lib/ingest/rebuildRollups");
    const { configuredTimezone } = await import("@/lib/time");
    const timezone = configuredTimezone();
    const { countEvents } = await import("@/lib/db/queries/countEvents");
    const result = await withDatabase(async (db) => rebuildRollups(db, timezone, progress("Rebuilding rollups", await countEvents(db))), true);
    console.log(`Rebuilt rollups from ${result.events} events in ${timezone} (${result.daysMoved} events changed local day).`);
  },

  async retention(args) {
    const usage = 'tollgate retention run | status | set --days N | hold --workflow W --reason "…" | release --workflow W';
    const retention = await import("@/lib/retention/retention");
    const { legalHoldInput, retentionUpdate } = await import("@/lib/contract/accounts");
    const [action, ...rest] = args;
    const count = (n: number) => n.toLocaleString("en-US");
    if (action === "run") {
      parseCommandArgs(rest, {}, "tollgate retention run");
      let bar: ReturnType<typeof progress> | undefined;
      const onProgress = (done: number, total: number) => {
        bar ??= progress("Purging raw events", total);
        bar.update(done, `${count(done)}/${count(total)} events`);
      };
      const run = await withDatabase((db) => retention.runRetention(db, cliActor(), { onProgress }));
      bar?.finish(`${count(run.total)} events`);
      console.log(`Deleted ${count(run.total)} raw events that occurred before ${run.cutoff.toISOString()} (${run.days} days); rollups, decisions and the audit trail are kept.`);
      for (const [workflow, n] of Object.entries(run.deleted)) console.log(`  ${workflow.padEnd(32)} ${count(n).padStart(12)}`);
      if (run.held.length) console.log(`Kept under legal hold: ${run.held.join(", ")}.`);
    } else if (action === "status") {
      parseCommandArgs(rest, {}, "tollgate retention status");
      const status = await withDatabase(retention.retentionStatus);
      console.log(`Retention:   ${status.days} days`);
      console.log(`Watermark:   ${status.watermark ? `${status.watermark.toISOString()} (events before it are refused at ingestion)` : "none (no run yet)"}`);
      console.log(`Last run:    ${status.lastRun ? `${status.lastRun.at.toISOString()} by ${status.lastRun.actor}, ${count(status.lastRun.total)} events deleted` : "never"}`);
      if (status.holds.length === 0) console.log("Legal holds: none");
      else {
        console.log("Legal holds:");
        for (const h of status.holds) console.log(`  ${h.workflow.padEnd(32)} since ${h.placedAt.toISOString()} by ${h.placedBy}: ${h.reason}`);
      }
    } else if (action === "set") {
      const setUsage = "tollgate retention set --days N";
      const { values } = parseCommandArgs(rest, { days: { type: "string" } }, setUsage);
      if (!values.days) throw new UsageError(`Give the number of days.\nUsage: ${setUsage}`);
      const parsed = retentionUpdate.safeParse({ days: Number(values.days.replace(/_/g, "")) });
      if (!parsed.success) throw new UsageError(`--days: ${fieldErrors(parsed.error).map((e) => e.message).join("; ")}`);
      const { days } = await withDatabase((db) => retention.setRetentionDays(db, parsed.data.days, cliActor()));
      console.log(`Raw events are now kept ${days} days; the next run deletes older ones.`);
    } else if (action === "hold") {
      const holdUsage = 'tollgate retention hold --workflow W --reason "…"';
      const { values } = parseCommandArgs(rest, { workflow: { type: "string" }, reason: { type: "string" } }, holdUsage);
      if (!values.workflow || values.reason === undefined) throw new UsageError(`Name the workflow and the reason.\nUsage: ${holdUsage}`);
      const parsed = legalHoldInput.safeParse({ reason: values.reason });
      if (!parsed.success) throw new UsageError(`--reason: ${fieldErrors(parsed.error).map((e) => e.message).join("; ")}`);
      await withDatabase((db) => retention.placeLegalHold(db, values.workflow!, parsed.data.reason, cliActor()));
      console.log(`Legal hold placed on "${values.workflow}": its raw events are kept until it is released.`);
    } else if (action === "release") {
      const releaseUsage = "tollgate retention release --workflow W";
      const { values } = parseCommandArgs(rest, { workflow: { type: "string" } }, releaseUsage);
      if (!values.workflow) throw new UsageError(`Name the workflow.\nUsage: ${releaseUsage}`);
      const { lifted } = await withDatabase((db) => retention.liftLegalHold(db, values.workflow!, cliActor()));
      console.log(lifted ? `Legal hold on "${values.workflow}" released.` : `"${values.workflow}" had no legal hold; nothing changed.`);
    } else throw new UsageError(`Usage: ${usage}`);
  },

  async backup(args) {
    const usage = "tollgate backup --out FILE [--force]";
    const { values } = parseCommandArgs(args, { out: { type: "string" }, force: { type: "boolean" } }, usage);
    if (!values.out) throw new UsageError(`Name the backup file.\nUsage: ${usage}`);
    const { backupDatabase } = await import("./backup");
    const { databaseUrl } = await import("@/lib/db/dialect");
    const started = Date.now();
    const result = await backupDatabase({
      url: databaseUrl(),
      out: values.out,
      force: values.force,
      progress: (pages) => progress("Backing up", pages),
      log: (line) => console.error(line),
    });
    const size = `${(result.bytes / 1024 / 1024).toFixed(1)} MB`;
    const events = result.events === null ? "" : `${result.events.toLocaleString("en-US")} events, `;
    console.log(`Backed up ${events}${size} to ${result.file} in ${((Date.now() - started) / 1000).toFixed(1)} s (${result.method}).`);
    console.log("The backup holds no actor secret (it is kept outside the database): keep a copy of it apart from the backups; a restore needs it.");
  },

  async restore(args) {
    const usage = "tollgate restore --from FILE [--force]";
    const { values } = parseCommandArgs(args, { from: { type: "string" }, force: { type: "boolean" } }, usage);
    if (!values.from) throw new UsageError(`Name the backup to restore.\nUsage: ${usage}`);
    const { restoreDatabase } = await import("./backup");
    const { databaseUrl } = await import("@/lib/db/dialect");
    const result = await restoreDatabase({ url: databaseUrl(), from: values.from, force: values.force, log: (line) => console.error(line) });
    const events = result.events === null ? "" : ` (${result.events.toLocaleString("en-US")} events)`;
    console.log(`Restored ${values.from}${events} into ${result.target} (${result.method}).`);
    if (result.auditSavedTo) console.log(`${result.auditDiscarded} audit records newer than the backup are kept in ${result.auditSavedTo}.`);
    console.log(result.actorSecret.advice);
  },

  // What `npm install` runs: generate both Prisma clients and put `tollgate` on the project's bin path, so
  // `npx tollgate` runs this checkout's CLI (a package.json "bin" would make npx install the project into its cache).
  async postinstall() {
    generateClients();
    const link = path.join("node_modules", ".bin", "tollgate");
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.rmSync(link, { force: true });
    fs.symlinkSync(path.join("..", "..", "bin", "tollgate.mjs"), link);
  },

  async db(args) {
    const [action, name] = args;
    if (action === "generate") {
      generateClients();
      console.log("Generated prisma/{sqlite,postgres}/schema.prisma and both Prisma clients.");
    } else if (action === "check") {
      const problems = schemaDrift();
      if (problems.length) throw new UsageError(problems.join("\n"));
      console.log("Schemas and migrations match prisma/model.prisma.");
    } else if (action === "migration") {
      if (!name) throw new UsageError("Usage: tollgate db migration NAME (needs a reachable Postgres for the diff)");
      const folder = createMigration(name);
      console.log(folder ? `Wrote prisma/{sqlite,postgres}/migrations/${folder}` : "No schema changes: no migration written.");
    } else throw new UsageError("Usage: tollgate db generate|check|migration NAME");
  },
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(HELP);
    return;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`Unknown command "${name}".\n\n${HELP}`);
  await command(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UserFacingError) {
    console.error(error.message);
  } else if (error instanceof ZodError) {
    console.error(fieldErrors(error).map((e) => `${e.path}: ${e.message}`).join("\n"));
  } else {
    console.error(error instanceof Error ? error.message : error);
    if (process.env.TOLLGATE_DEBUG) console.error(error);
  }
  process.exit(1);
});
