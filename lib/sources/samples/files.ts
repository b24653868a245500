// The sample files: one per export format (what `tollgate demo --m365 DIR` writes, with the directory and the
// program's `sources`), and one per quirk of those formats (what the parser and import tests read).
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { SourceType } from "@/lib/contract/vocabulary";
import { buildM365Sample, INVOICE_AGENT, SUPPORT_BOT, type M365Sample, type SampleOptions } from "./story";
import {
  graphJson,
  managementJson,
  managementNdjson,
  peopleCsv,
  purviewPortalCsv,
  purviewSearchCsv,
  purviewSearchJson,
  sessionsCsv,
  splitTranscript,
  transcriptsCsv,
  transcriptsJson,
} from "./render";

export interface SampleFile {
  name: string;
  /** The source type that reads it; null for the directory. */
  type: SourceType | null;
  /** What the file shows, for the demo's listing and the test names. */
  about: string;
  chunks: () => Iterable<string>;
}

export function formatFiles(sample: M365Sample): SampleFile[] {
  const { purview, sessions, transcripts } = sample;
  return [
    { name: "purview-portal.csv", type: "purview-audit", about: "Purview portal audit export (CSV)", chunks: () => purviewPortalCsv(purview, { bom: true }) },
    { name: "purview-search.csv", type: "purview-audit", about: "Search-UnifiedAuditLog | Export-Csv", chunks: () => purviewSearchCsv(purview) },
    { name: "purview-search.json", type: "purview-audit", about: "Search-UnifiedAuditLog | ConvertTo-Json", chunks: () => purviewSearchJson(purview) },
    { name: "purview-management.json", type: "purview-audit", about: "Management Activity API content (JSON array)", chunks: () => managementJson(purview) },
    { name: "purview-management.ndjson", type: "purview-audit", about: "Management Activity API records, one per line", chunks: () => managementNdjson(purview) },
    { name: "purview-graph.json", type: "purview-audit", about: "Microsoft Graph audit log query records", chunks: () => graphJson(purview) },
    { name: "copilot-studio-sessions.csv", type: "copilot-studio-sessions", about: "Copilot Studio analytics: Download sessions", chunks: () => sessionsCsv(sessions) },
    { name: "transcripts.json", type: "copilot-studio-transcripts", about: "Dataverse conversationtranscripts (Web API page)", chunks: () => transcriptsJson(transcripts) },
    { name: "transcripts.csv", type: "copilot-studio-transcripts", about: "Dataverse conversationtranscripts (CSV export)", chunks: () => transcriptsCsv(transcripts) },
  ];
}

/** The last rows of a list; quirk files are small. */
const few = <T>(items: readonly T[], n = 12) => items.slice(-n);

function activitiesOf(content: string): Record<string, unknown>[] {
  return (JSON.parse(content) as { activities: Record<string, unknown>[] }).activities;
}

/** A conversation rewritten by a change to its activities. */
function withActivities<T extends { content: string }>(row: T, change: (activities: Record<string, unknown>[]) => void): T {
  const activities = activitiesOf(row.content);
  change(activities);
  return { ...row, content: JSON.stringify({ activities }) };
}

export function quirkFiles(sample: M365Sample): SampleFile[] {
  const records = few(sample.purview);
  const [broken, ...rest] = few(sample.purview, 6);
  const transcripts = few(sample.transcripts, 4);
  const setTrace = (valueType: string, fields: Record<string, unknown>) => (activities: Record<string, unknown>[]) => {
    const trace = activities.find((a) => a.valueType === valueType)!;
    trace.value = { ...(trace.value as object), ...fields };
  };
  return [
    { name: "quirk-bom.csv", type: "purview-audit", about: "a UTF-8 byte order mark before the header", chunks: () => purviewPortalCsv(records, { bom: true }) },
    { name: "quirk-multiline-auditdata.csv", type: "purview-audit", about: "AuditData over several lines, with doubled quotes and commas", chunks: () => purviewPortalCsv(records, { multiline: true }) },
    { name: "quirk-locale-creationdate.csv", type: "purview-audit", about: "CreationDate in the exporter's locale (de-DE)", chunks: () => purviewPortalCsv(records, { locale: "de-DE" }) },
    {
      name: "quirk-malformed-row.csv",
      type: "purview-audit",
      about: "one row with unparseable AuditData and one with a missing cell, among good rows",
      chunks: function* () {
        const lines = [...purviewPortalCsv([broken!, ...rest])];
        yield lines[0]!;
        yield lines[1]!.replace(/"\{""CreationTime""/, '"{""CreationTime"";');
        yield "only,three,cells\r\n";
        yield* lines.slice(2);
      },
    },
    { name: "quirk-search-typeline.csv", type: "purview-audit", about: "Search-UnifiedAuditLog CSV with PowerShell's #TYPE line", chunks: () => purviewSearchCsv(records, { typeLine: true }) },
    { name: "quirk-graph-camelcase.json", type: "purview-audit", about: "Graph records: camelCase, auditData an object", chunks: () => graphJson(records) },
    { name: "quirk-ndjson.ndjson", type: "purview-audit", about: "NDJSON of AuditData", chunks: () => managementNdjson(records) },
    { name: "quirk-sessions-newer-export.csv", type: "copilot-studio-sessions", about: "lower-case headers, an extra column, times with an offset", chunks: () => sessionsCsv(few(sample.sessions), true) },
    { name: "quirk-transcripts-array.json", type: "copilot-studio-transcripts", about: "transcript rows as a bare JSON array", chunks: () => transcriptsJson(transcripts, false) },
    {
      name: "quirk-transcripts-split.json",
      type: "copilot-studio-transcripts",
      about: "one conversation's content split across rows",
      chunks: () => transcriptsJson([transcripts[0]!, ...splitTranscript(transcripts[1]!, 3), ...transcripts.slice(2)]),
    },
    {
      name: "quirk-transcripts-design-mode.json",
      type: "copilot-studio-transcripts",
      about: "a conversation from the maker's test canvas (isDesignMode)",
      chunks: () => transcriptsJson([withActivities(transcripts[0]!, setTrace("ConversationInfo", { isDesignMode: true }))]),
    },
    {
      name: "quirk-transcripts-unengaged.json",
      type: "copilot-studio-transcripts",
      about: "an unengaged conversation",
      chunks: () => transcriptsJson([withActivities(transcripts[0]!, setTrace("SessionInfo", { type: "Unengaged", outcome: "None" }))]),
    },
  ];
}

/** The program's `sources` and `directory` for the sample (apply it after the demo program). */
export function sampleProgram(sample: M365Sample) {
  return {
    sources: [
      {
        key: "purview",
        type: "purview-audit",
        incidents: true,
        workflows: [
          { match: { agentName: INVOICE_AGENT.name }, workflow: "invoice-coding", outputKind: "classification" },
          { match: { appHost: "Outlook" }, workflow: "meeting-followups", outputKind: "draft" },
        ],
      },
      { key: "support-bot", type: "copilot-studio-sessions", workflow: "ticket-triage", cohort: "support-pilot", outputKind: "classification", timezone: "UTC" },
      {
        key: "support-transcripts",
        type: "copilot-studio-transcripts",
        workflows: [{ match: { botName: SUPPORT_BOT.name }, workflow: "ticket-triage", outputKind: "classification" }],
      },
    ],
    directory: { department: sample.departments },
  };
}

/** Writes the format files, people.csv and m365-program.json into `dir`; returns what it wrote. */
export async function writeM365Samples(dir: string, options: SampleOptions = {}): Promise<SampleFile[]> {
  const sample = buildM365Sample(options);
  fs.mkdirSync(dir, { recursive: true });
  const files: SampleFile[] = [
    ...formatFiles(sample),
    { name: "people.csv", type: null, about: "the people directory (an Entra ID users export with a cohort column)", chunks: () => peopleCsv(sample.people, sample.departments) },
    { name: "m365-program.json", type: null, about: "the program's sources and directory mapping", chunks: () => [`${JSON.stringify(sampleProgram(sample), null, 2)}\n`] },
  ];
  for (const file of files) await pipeline(Readable.from(file.chunks()), fs.createWriteStream(path.join(dir, file.name)));
  return files;
}
