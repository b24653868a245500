import { describe, expect, it } from "vitest";
import { buildM365Sample } from "@/lib/sources/samples/story";
import { formatFiles, quirkFiles, type SampleFile } from "@/lib/sources/samples/files";
import { jsonElements } from "./jsonElements";
import { openExport, type Parsed } from "./index";
import type { SourceType } from "@/lib/contract/vocabulary";

const sample = buildM365Sample({ records: 40, end: new Date("2026-11-30T00:00:00Z") });
const files = [...formatFiles(sample), ...quirkFiles(sample)];
const file = (name: string) => files.find((f) => f.name === name)!;

/** The file's bytes in pieces of `size`, so records, cells and multi-byte characters straddle the pieces. */
async function* bytesOf(chunks: Iterable<string>, size = 97): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from([...chunks].join(""), "utf8");
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function readAll<T extends SourceType>(type: T, source: SampleFile | string, size?: number) {
  const chunks = typeof source === "string" ? [source] : source.chunks();
  const opened = await openExport(type, bytesOf(chunks, size));
  const items: Parsed<unknown>[] = [];
  for await (const item of opened.items) items.push(item);
  const records = items.flatMap((i) => ("record" in i ? [i.record] : []));
  const errors = items.flatMap((i) => ("error" in i ? [{ line: i.line, error: i.error }] : []));
  return { ...opened, items, records, errors };
}

const auditIds = (records: unknown[]) => records.map((r) => (r as { audit: { Id: string } }).audit.Id);

describe("Purview audit exports", () => {
  const ids = sample.purview.map((r) => r.Id);
  const last12 = ids.slice(-12);

  it.each([
    ["purview-portal.csv", "csv", "Purview portal CSV export"],
    ["purview-search.csv", "csv", "Search-UnifiedAuditLog CSV"],
    ["purview-search.json", "json", "Search-UnifiedAuditLog JSON"],
    ["purview-management.json", "json", "Management Activity API records"],
    ["purview-management.ndjson", "ndjson", "Management Activity API records"],
    ["purview-graph.json", "json", "Microsoft Graph audit log records"],
  ])("reads every record of %s (detected as %s: %s)", async (name, format, variant) => {
    const read = await readAll("purview-audit", file(name));
    expect(read.errors).toEqual([]);
    expect(read.format).toBe(format);
    expect([...read.notes.variants.keys()]).toEqual([variant]);
    expect(auditIds(read.records)).toEqual(ids);
  });

  it("keeps the wrapper's record type: names, numbers and Graph's camelCase", async () => {
    const portal = await readAll("purview-audit", file("purview-portal.csv"));
    const graph = await readAll("purview-audit", file("purview-graph.json"));
    const api = await readAll("purview-audit", file("purview-management.json"));
    const types = (read: typeof portal) => new Set(read.records.map((r) => (r as { recordType: unknown }).recordType));
    expect(types(portal)).toEqual(new Set(["CopilotInteraction", "ConnectedAIAppInteraction"]));
    expect(types(graph)).toEqual(new Set(["copilotInteraction", "connectedAIAppInteraction"]));
    expect(types(api)).toEqual(new Set([261, 328]));
    expect((graph.records[0] as { createdDateTime: string }).createdDateTime).toMatch(/Z$/);
  });

  it.each(["quirk-bom.csv", "quirk-multiline-auditdata.csv", "quirk-locale-creationdate.csv", "quirk-search-typeline.csv", "quirk-ndjson.ndjson"])(
    "reads %s whole, whatever the piece size",
    async (name) => {
      for (const size of [1, 13, 4096]) {
        const read = await readAll("purview-audit", file(name), size);
        expect(read.errors).toEqual([]);
        expect(auditIds(read.records)).toEqual(last12);
      }
    },
  );

  it("gives each record of a multi-line cell the line it starts on", async () => {
    const read = await readAll("purview-audit", file("quirk-multiline-auditdata.csv"));
    const starts = read.items.map((i) => i.line);
    expect(starts[0]).toBe(2);
    const text = [...file("quirk-multiline-auditdata.csv").chunks()].join("").split("\n");
    for (const [i, line] of starts.entries()) expect(text[line - 1]).toContain(last12[i]);
  });

  it("reports a malformed row and unparseable AuditData by line and reads the rest", async () => {
    const read = await readAll("purview-audit", file("quirk-malformed-row.csv"));
    expect(read.errors).toEqual([
      { line: 2, error: "AuditData is not valid JSON" },
      { line: 3, error: "has 3 cells where the header has 8" },
    ]);
    expect(read.records).toHaveLength(5);
    expect(read.notes.csvRows).toBe(7);
  });

  it("reports a cell with text after its closing quote, and a quote never closed, by line", async () => {
    const good = (id: string) => `${id},"{""Id"":""${id}"",""RecordType"":261}"`;
    const csv = ["RecordId,AuditData", good("a"), 'b,"{""Id"":""b""}"oops', good("c"), 'd,"{""Id"": never closed', "e,"].join("\r\n");
    const read = await readAll("purview-audit", csv, 7);
    expect(auditIds(read.records)).toEqual(["a", "c"]);
    expect(read.errors).toEqual([
      { line: 3, error: "has text after a quoted cell's closing quote" },
      { line: 5, error: "has a quoted cell that is never closed" },
    ]);
  });

  it("refuses a CSV without an AuditData column, naming the columns it has", async () => {
    await expect(readAll("purview-audit", "a,b\n1,2\n")).rejects.toThrow(/no AuditData column \(it has a, b\)/);
  });

  it("reports broken JSON records by line and goes on", async () => {
    const text = '[\n{"Id":"a","RecordType":261},\n{"Id": oops},\n42,\n{"Id":"b","RecordType":261}\n]';
    const read = await readAll("purview-audit", text);
    expect(auditIds(read.records)).toEqual(["a", "b"]);
    expect(read.errors).toEqual([
      { line: 3, error: "is not valid JSON" },
      { line: 4, error: "is not a JSON object" },
    ]);
    const ndjson = await readAll("purview-audit", '{"Id":"a"}\n{"Id":\n{"Id":"b"}\n');
    expect(auditIds(ndjson.records)).toEqual(["a", "b"]);
    expect(ndjson.errors).toEqual([{ line: 2, error: "is not valid JSON" }]);
    const cut = await readAll("purview-audit", '[{"Id":"a"},\n{"Id":"b"');
    expect(cut.errors).toEqual([{ line: 2, error: "is cut off: the file ends inside this record" }]);
  });
});

describe("jsonElements", () => {
  async function elements(text: string) {
    const out = [];
    for await (const element of jsonElements((async function* () { yield text; })())) out.push(element);
    return out;
  }

  it("finds the records of an OData page behind other fields, and of pages one after another", async () => {
    const page = (ids: string[]) => JSON.stringify({ "@odata.context": "x", count: [1, { value: [9] }], value: ids.map((id) => ({ id, value: [id] })), "@odata.nextLink": "n" });
    const found = await elements(`${page(["a", "b"])}\n${page(["c"])}`);
    expect(found.map((e) => ("text" in e ? JSON.parse(e.text).id : e))).toEqual(["a", "b", "c"]);
  });

  it("takes brackets and quotes inside strings as text", async () => {
    const found = await elements('[{"a":"]}\\"{["},{"b":"\\\\"}]');
    expect(found).toEqual([{ line: 1, text: '{"a":"]}\\"{["}' }, { line: 1, text: '{"b":"\\\\"}' }]);
  });
});

describe("Copilot Studio sessions", () => {
  it("reads the download by column name, never keeping what people typed", async () => {
    const read = await readAll("copilot-studio-sessions", file("copilot-studio-sessions.csv"));
    expect(read.errors).toEqual([]);
    expect(read.records.map((r) => (r as { sessionId: string }).sessionId)).toEqual(sample.sessions.map((s) => s.SessionID));
    expect(Object.keys(read.records[0]!)).toEqual(["sessionId", "start", "outcome", "topicName"]);
  });

  it("reads a newer export: lower-case headers, an extra column, offsets", async () => {
    const read = await readAll("copilot-studio-sessions", file("quirk-sessions-newer-export.csv"));
    expect(read.errors).toEqual([]);
    expect(read.records).toHaveLength(12);
    expect((read.records[0] as { start: string }).start).toMatch(/\+00:00$/);
  });

  it("names the missing columns", async () => {
    await expect(readAll("copilot-studio-sessions", "SessionID,Outcome\nx,Resolved\n")).rejects.toThrow(/lacks startdatetime, sessionoutcome/);
  });
});

describe("Copilot Studio transcripts", () => {
  const conversationIds = (records: unknown[]) => records.map((r) => (r as { conversationId: string }).conversationId);
  const expected = sample.transcripts.map((t) => t.name.replace(/_[^_]+$/, ""));

  it.each(["transcripts.json", "transcripts.csv", "quirk-transcripts-array.json"])("reads the conversations of %s", async (name) => {
    const read = await readAll("copilot-studio-transcripts", file(name));
    expect(read.errors).toEqual([]);
    const ids = conversationIds(read.records);
    expect(ids).toEqual(name.startsWith("quirk") ? expected.slice(-4) : expected);
    const first = read.records[0] as { botName: string; activities: unknown[] };
    expect(first.botName).toBe("crb1_supportAgent");
    expect(first.activities.length).toBeGreaterThan(3);
  });

  it("joins a conversation split across rows", async () => {
    const read = await readAll("copilot-studio-transcripts", file("quirk-transcripts-split.json"));
    expect(read.errors).toEqual([]);
    expect(conversationIds(read.records)).toEqual(expected.slice(-4));
    const whole = JSON.parse(sample.transcripts.at(-3)!.content).activities;
    expect((read.records[1] as { activities: unknown[] }).activities).toEqual(whole);
  });

  it("joins split parts that are not next to each other, and reports parts whose rest never comes", async () => {
    const [a, b] = [sample.transcripts.at(-1)!, sample.transcripts.at(-2)!];
    const half = Math.floor(a.content.length / 2);
    const rows = [
      { ...a, content: a.content.slice(0, half) },
      b,
      { ...a, content: a.content.slice(half) },
      { ...b, name: "lonely_x", content: b.content.slice(0, 50) },
    ];
    const read = await readAll("copilot-studio-transcripts", JSON.stringify({ value: rows }));
    expect(conversationIds(read.records)).toEqual([b.name.replace(/_[^_]+$/, ""), a.name.replace(/_[^_]+$/, "")]);
    expect(read.errors).toEqual([{ line: 1, error: "content is not a JSON document with activities" }]);
  });
});
