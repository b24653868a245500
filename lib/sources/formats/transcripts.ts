// Dataverse conversationtranscript rows (Web API pages, a bare array, or a CSV export with the same column names),
// read as conversations. Dataverse splits content over 1 MB across rows of the same conversation: rows that follow
// one another with the same name are joined, and a part that cannot be read alone waits for the rest of its
// conversation wherever it comes in the file.
import { csvRows } from "./csvRows";
import { jsonObjects } from "./jsonElements";
import { noteVariant, type InputFormat, type ParseNotes } from "./detect";
import { field, isObject, objectOf, type Parsed, type TextChunks } from "./text";

export interface Conversation {
  conversationId: string;
  botId: string | null;
  botName: string | null;
  /** conversationstarttime as written. */
  startTime: string | null;
  activities: Record<string, unknown>[];
}

interface Row {
  line: number;
  id: string;
  name: string;
  createdon: string;
  content: unknown;
  metadata: Record<string, unknown>;
  startTime: string | null;
}

const text = (value: unknown) => (typeof value === "string" ? value : value === undefined || value === null ? "" : String(value));

function rowOf(line: number, record: Record<string, unknown>): Row | string {
  const name = text(field(record, "name")).trim();
  if (!name) return "has no name (<conversationId>_<botId>)";
  return {
    line,
    id: text(field(record, "conversationtranscriptid")),
    name,
    createdon: text(field(record, "createdon")),
    content: field(record, "content"),
    metadata: objectOf(field(record, "metadata")) ?? {},
    startTime: text(field(record, "conversationstarttime")) || null,
  };
}

const activitiesOf = (content: unknown) => {
  const parsed = objectOf(content);
  return parsed && Array.isArray(parsed.activities) ? (parsed.activities as unknown[]).filter(isObject) : null;
};

/** The activities of a conversation's rows: each part read alone, else the parts' text joined in order. */
function join(rows: readonly Row[]): Record<string, unknown>[] | null {
  const parts = rows.map((row) => activitiesOf(row.content));
  if (parts.every((part) => part !== null)) return parts.flat() as Record<string, unknown>[];
  const byCreation = [...rows].sort((a, b) => a.createdon.localeCompare(b.createdon) || a.id.localeCompare(b.id));
  for (const order of [rows, byCreation]) {
    const joined = activitiesOf(order.map((row) => text(row.content)).join(""));
    if (joined) return joined;
  }
  return null;
}

/** name is <conversationId>_<botId>; the bot id from metadata tells where the conversation id ends. */
function conversationOf(rows: readonly Row[], activities: Record<string, unknown>[]): Conversation {
  const { name, metadata, startTime } = rows[0]!;
  let botId = text(field(metadata, "BotId")) || null;
  let conversationId = name;
  const underscore = name.lastIndexOf("_");
  if (botId && name.toLowerCase().endsWith(`_${botId.toLowerCase()}`)) conversationId = name.slice(0, -(botId.length + 1));
  else if (underscore > 0) {
    conversationId = name.slice(0, underscore);
    botId ??= name.slice(underscore + 1);
  }
  return { conversationId, botId, botName: text(field(metadata, "BotName")) || null, startTime, activities };
}

const WEB_API = "conversationtranscript rows (Dataverse Web API)";

async function* rowsOf(records: AsyncIterable<Parsed<Record<string, unknown>>>, variant: string, notes: ParseNotes, csv: boolean): AsyncGenerator<Parsed<Row>> {
  for await (const item of records) {
    if (csv) notes.csvRows++;
    if ("error" in item) {
      yield item;
      continue;
    }
    noteVariant(notes, variant);
    const row = rowOf(item.line, item.record);
    yield typeof row === "string" ? { line: item.line, error: row } : { line: item.line, record: row };
  }
}

export function transcriptConversations(input: TextChunks, format: InputFormat, notes: ParseNotes): AsyncGenerator<Parsed<Conversation>> {
  const rows = format === "csv" ? rowsOf(csvRows(input), "conversationtranscript CSV export", notes, true) : rowsOf(jsonObjects(input, format), WEB_API, notes, false);
  return conversationsOf(rows);
}

/** Conversations from conversationtranscript rows already parsed (what a pull fetched from the Web API). */
export function transcriptObjectConversations(records: AsyncIterable<Parsed<Record<string, unknown>>>, notes: ParseNotes): AsyncGenerator<Parsed<Conversation>> {
  return conversationsOf(rowsOf(records, WEB_API, notes, false));
}

async function* conversationsOf(rows: AsyncIterable<Parsed<Row>>): AsyncGenerator<Parsed<Conversation>> {
  /** Parts that could not be read yet, by conversation name, until the rest of them arrives. */
  const waiting = new Map<string, Row[]>();
  let group: Row[] = [];
  function* close(): Generator<Parsed<Conversation>> {
    if (group.length === 0) return;
    const name = group[0]!.name;
    const rows = [...(waiting.get(name) ?? []), ...group];
    group = [];
    const activities = join(rows);
    if (activities === null) waiting.set(name, rows);
    else {
      waiting.delete(name);
      yield { line: rows[0]!.line, record: conversationOf(rows, activities) };
    }
  }
  for await (const item of rows) {
    if ("error" in item) {
      yield item;
      continue;
    }
    if (group.length > 0 && group[0]!.name !== item.record.name) yield* close();
    group.push(item.record);
  }
  yield* close();
  for (const rows of waiting.values()) {
    const where = rows.length === 1 ? "" : ` (its ${rows.length} rows, from lines ${rows.map((r) => r.line).join(", ")}, could not be joined)`;
    yield { line: rows[0]!.line, error: `content is not a JSON document with activities${where}` };
  }
}
