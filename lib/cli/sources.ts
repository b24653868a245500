// `tollgate import --source KEY FILE…`, `tollgate pull --source KEY`, `tollgate directory import|list` and `tollgate demo --m365 DIR`: the
// Microsoft 365 exports on the command line. Each prints what the shared summary says (lib/sources/summary.ts).
import fs from "node:fs";
import { cliActor } from "@/lib/audit/audit";
import type { Database } from "@/lib/db/database";
import { INPUT_FORMATS, type InputFormat } from "@/lib/contract/vocabulary";
import type { ImportSummary } from "@/lib/sources/summary";
import { UsageError } from "@/lib/errors";
import { parseCommandArgs, positiveInt } from "./args";
import { progress } from "./progress";

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

const count = (n: number) => n.toLocaleString("en-US");

export function printImportSummary(s: ImportSummary, print: (line: string) => void = console.log): void {
  const { counts } = s;
  print(`${s.fileName} (${s.variants.join(", ") || s.format}, SHA-256 ${s.sha256.slice(0, 16)}…): ${count(counts.records)} records${s.dryRun ? " — dry run, nothing stored" : ""}`);
  if (s.events.length) {
    print(`  Events${s.dryRun ? " it would store" : ""}:`);
    for (const e of s.events) print(`    ${`${e.workflow} × ${e.cohort}`.padEnd(44)} ${e.type.padEnd(11)} ${count(e.new).padStart(8)} new  ${count(e.alreadyImported).padStart(8)} already imported`);
  }
  print(`  ${count(counts.new)} new, ${count(counts.alreadyImported)} already imported${counts.rejected ? `, ${count(counts.rejected)} refused` : ""}.`);
  if (s.skipped.length) {
    print(`  Skipped ${count(counts.skipped)} records:`);
    for (const k of s.skipped) print(`    ${k.reason.padEnd(13)} ${count(k.count).padStart(8)}  ${k.label} (e.g. ${k.examples.map((e) => `line ${e.line}: ${e.record}`).join("; ")})`);
  }
  for (const [field, values] of Object.entries(s.unmatched)) {
    if (values?.length) print(`  Unmatched ${field} (add a rule to map them): ${values.map((v) => `"${v.value}" ${count(v.count)}`).join(", ")}`);
  }
  if (counts.errors) {
    print(`  ${count(counts.errors)} records could not be read:`);
    for (const e of s.errors.slice(0, 20)) print(`    line ${e.line}: ${e.message}`);
    if (counts.errors > 20) print(`    … and ${count(counts.errors - 20)} more`);
  }
  for (const warning of s.warnings) print(`  Warning: ${warning}`);
}

export async function importSourceCommand(args: string[], withDatabase: WithDatabase): Promise<void> {
  const usage = `tollgate import --source KEY FILE… [--dry-run] [--format ${INPUT_FORMATS.join("|")}]`;
  const { values, positionals } = parseCommandArgs(args, { source: { type: "string" }, "dry-run": { type: "boolean" }, format: { type: "string" } }, usage);
  if (positionals.length === 0) throw new UsageError(`Name the files to import.\nUsage: ${usage}`);
  for (const file of positionals) if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  if (values.format && !(INPUT_FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`--format is ${INPUT_FORMATS.join(", ")}`);
  const { importFromSource } = await import("@/lib/sources/importExport");
  let failed = false;
  await withDatabase(async (db) => {
    for (const file of positionals) {
      const bar = progress(`Importing ${file}`, fs.statSync(file).size);
      const summary = await importFromSource(db, {
        source: values.source!,
        file,
        fileName: file,
        dryRun: values["dry-run"],
        format: values.format as InputFormat | undefined,
        actor: cliActor(),
        onProgress: ({ bytes, records }) => bar.update(bytes, `${count(records)} records`),
      });
      bar.finish(`${count(summary.counts.records)} records`);
      printImportSummary(summary);
      failed ||= summary.counts.errors > 0;
    }
  });
  // As the native import does: some records could not be read.
  if (failed) process.exitCode = 2;
}

export async function pullCommand(args: string[], withDatabase: WithDatabase): Promise<void> {
  const usage = "tollgate pull --source KEY [--since ISO-TIME]";
  const { values } = parseCommandArgs(args, { source: { type: "string" }, since: { type: "string" } }, usage);
  if (!values.source) throw new UsageError(`Name the source to pull.\nUsage: ${usage}`);
  const since = values.since === undefined ? undefined : new Date(values.since);
  if (since && Number.isNaN(since.getTime())) throw new UsageError(`--since is a time such as 2026-12-01T00:00:00Z\nUsage: ${usage}`);
  const { pullNow } = await import("@/lib/sources/pull/jobs");
  const bar = progress(`Pulling ${values.source}`, 1);
  const summary = await withDatabase((db) =>
    pullNow(db, values.source!, {
      since,
      actor: cliActor(),
      onProgress: ({ done, total, records }) => bar.update(total ? done / total : 0, `${count(records)} records`),
    }),
  );
  bar.finish(`${count(summary.import.counts.records)} records`);
  console.log(`Read ${summary.from} → ${summary.to} in ${count(summary.requests)} requests (${count(summary.retries)} retried); the watermark is now ${summary.watermark}.`);
  for (const problem of summary.problems) console.log(`  Problem: ${problem}`);
  printImportSummary(summary.import);
  if (summary.import.counts.errors > 0 || summary.problems.length > 0) process.exitCode = 2;
}

export async function directoryCommand(args: string[], withDatabase: WithDatabase): Promise<void> {
  const usage = "tollgate directory import people.csv [--cohort-from COLUMN] | directory list";
  const [action, ...rest] = args;
  const { importDirectory, directoryCounts } = await import("@/lib/sources/directory");
  if (action === "import") {
    const { values, positionals } = parseCommandArgs(rest, { "cohort-from": { type: "string" } }, usage);
    const [file] = positionals;
    if (!file || !fs.existsSync(file)) throw new UsageError(`Name the people CSV.\nUsage: ${usage}`);
    const s = await withDatabase((db) => importDirectory(db, fs.createReadStream(file), { cohortFrom: values["cohort-from"], actor: cliActor() }));
    console.log(`${count(s.rows)} rows: ${count(s.added)} identifiers added, ${count(s.moved)} moved to another cohort, ${count(s.unchanged)} unchanged, ${count(s.skipped)} rows without a cohort.`);
    const unmapped = Object.entries(s.unmappedValues);
    if (unmapped.length) console.log(`Values the mapping does not list (no cohort): ${unmapped.map(([v, n]) => `"${v}" ${n}`).join(", ")}`);
    for (const [cohort, n] of Object.entries(s.byCohort).sort()) console.log(`  ${cohort.padEnd(32)} ${count(n).padStart(8)}`);
  } else if (action === "list") {
    parseCommandArgs(rest, {}, usage);
    const counts = await withDatabase(directoryCounts);
    if (counts.length === 0) console.log("The directory is empty. Import people with: npx tollgate directory import people.csv");
    const cohorts = [...new Set(counts.map((c) => c.cohort))];
    for (const cohort of cohorts) {
      const of = (kind: string) => counts.find((c) => c.cohort === cohort && c.kind === kind)?.people ?? 0;
      console.log(`${cohort.padEnd(32)} ${count(of("user")).padStart(8)} by UPN  ${count(of("objectId")).padStart(8)} by object id`);
    }
  } else throw new UsageError(`Usage: ${usage}`);
}

export async function demoM365Command(dir: string, values: { seed?: string; records?: string }): Promise<void> {
  const { writeM365Samples } = await import("@/lib/sources/samples/files");
  const files = await writeM365Samples(dir, { seed: positiveInt(values.seed, "seed", 11), records: positiveInt(values.records, "records", 600) });
  console.log(`Wrote ${files.length} files to ${dir}:`);
  for (const f of files) console.log(`  ${f.name.padEnd(30)} ${f.about}`);
  console.log(`Next: npx tollgate apply -f ${dir}/m365-program.json, then npx tollgate directory import ${dir}/people.csv --cohort-from department, then npx tollgate import --source purview ${dir}/purview-portal.csv (see the README).`);
}
