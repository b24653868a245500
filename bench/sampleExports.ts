// The sample exports of the Microsoft 365 import phase of `npm run bench`: the demo's M365 story at a given size,
// written in chunks so the generator never holds a whole file. Run as a script by bench/sources.ts, in a process of
// its own, so the generator's garbage is not counted in the importing process' peak RSS.
//   node --import tsx bench/sampleExports.ts DIR RECORDS END_ISO
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceType } from "@/lib/contract/vocabulary";
import { buildM365Sample, type M365Sample } from "@/lib/sources/samples/story";
import { managementNdjson, peopleCsv, purviewPortalCsv, sessionsCsv, transcriptsJson } from "@/lib/sources/samples/render";

const CHUNK = 5_000;

export interface BenchFile {
  name: string;
  source: string;
  type: SourceType;
  /** One chunk of the file; `first` writes its header (a CSV header, or nothing for the others). */
  render: (sample: M365Sample, first: boolean) => Iterable<string>;
}

/** Each CSV chunk after the first drops its header; transcripts are OData pages one after another. */
const withoutHeader = (chunks: Iterable<string>, first: boolean) => (first ? chunks : [...chunks].slice(1));

export const FILES: BenchFile[] = [
  { name: "purview-portal.csv", source: "purview", type: "purview-audit", render: (s, first) => withoutHeader(purviewPortalCsv(s.purview), first) },
  { name: "purview-management.ndjson", source: "purview", type: "purview-audit", render: (s) => managementNdjson(s.purview) },
  { name: "copilot-studio-sessions.csv", source: "support-bot", type: "copilot-studio-sessions", render: (s, first) => withoutHeader(sessionsCsv(s.sessions), first) },
  { name: "transcripts.json", source: "support-transcripts", type: "copilot-studio-transcripts", render: (s) => transcriptsJson(s.transcripts) },
];

/** Writes the files in chunks (each file from its own seeds, so nothing is "already imported"), with the people of every file in people.csv. */
export async function writeFiles(dir: string, purviewRecords: number, end: Date): Promise<void> {
  const streams = new Map(FILES.map((f) => [f.name, fs.createWriteStream(path.join(dir, f.name))]));
  const people = fs.createWriteStream(path.join(dir, "people.csv"));
  const write = (stream: fs.WriteStream, text: string) => new Promise<void>((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
  for (let chunk = 0; chunk * CHUNK < purviewRecords; chunk++) {
    const records = Math.min(CHUNK, purviewRecords - chunk * CHUNK);
    for (const [index, file] of FILES.entries()) {
      const sample = buildM365Sample({ seed: 1_000 * (index + 1) + chunk, records, end });
      await write(streams.get(file.name)!, [...file.render(sample, chunk === 0)].join(""));
      await write(people, [...peopleCsv(sample.people, sample.departments)].slice(index + chunk === 0 ? 0 : 1).join(""));
    }
  }
  for (const stream of [...streams.values(), people]) await new Promise((resolve) => stream.end(resolve));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, records, end] = process.argv.slice(2);
  await writeFiles(dir!, Number(records), new Date(end!));
}
