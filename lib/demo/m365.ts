// The demo's Microsoft 365 sources: the sample program's sources (the Purview one pulling, which shows as "not
// connected" until TOLLGATE_M365_* are set: honest, not faked), its directory, and one sample export per source
// imported through the file import, so Administration → Data sources shows imports with their summaries. Small, so the
// demo's figures stay the generator's story.
import { Readable } from "node:stream";
import type { Database } from "@/lib/db/database";
import type { Actor } from "@/lib/audit/audit";
import { applyProgram } from "@/lib/program/applyProgram";
import { buildM365Sample } from "@/lib/sources/samples/story";
import { formatFiles, sampleProgram } from "@/lib/sources/samples/files";
import { peopleCsv } from "@/lib/sources/samples/render";
import { importDirectory } from "@/lib/sources/directory";
import { importFromSource } from "@/lib/sources/importExport";

const IMPORTS = [
  { file: "purview-portal.csv", source: "purview" },
  { file: "copilot-studio-sessions.csv", source: "support-bot" },
  { file: "transcripts.json", source: "support-transcripts" },
] as const;

export const DEMO_M365_RECORDS = 150;

export async function seedM365(db: Database, actor: Actor, options: { end?: Date; now: Date }): Promise<void> {
  const sample = buildM365Sample({ records: DEMO_M365_RECORDS, seed: 11, ...(options.end ? { end: options.end } : {}) });
  const program = sampleProgram(sample);
  const sources = program.sources.map((source) => (source.key === "purview" ? { ...source, pull: { every: "15m" } } : source));
  await applyProgram(db, { sources, directory: program.directory }, actor);
  await importDirectory(db, Readable.from(peopleCsv(sample.people, sample.departments)), { cohortFrom: "department", actor });
  const files = formatFiles(sample);
  for (const { file, source } of IMPORTS) {
    const chunks = files.find((f) => f.name === file)!.chunks();
    await importFromSource(db, { source, bytes: Readable.from(chunks), fileName: file, actor, now: options.now });
  }
}
