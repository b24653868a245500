// Purview audit records (AuditData) from every way they leave Microsoft 365: the portal's CSV export and
// Search-UnifiedAuditLog's CSV (AuditData a JSON string in a cell), Search-UnifiedAuditLog's JSON (the same, as
// objects), Management Activity API content (AuditData objects, as an array or NDJSON) and Graph audit log query
// records (camelCase, auditData an object). Each comes out as the AuditData object plus what its wrapper says.
import { UserFacingError } from "@/lib/errors";
import { csvRows } from "./csvRows";
import { jsonObjects } from "./jsonElements";
import { field, isObject, type Parsed, type TextChunks } from "./text";
import { noteVariant, preambleLines, type InputFormat, type ParseNotes } from "./detect";

export interface AuditRecord {
  /** The AuditData object. */
  audit: Record<string, unknown>;
  /** The record type as the wrapper (CSV column, Graph's auditLogRecordType) or AuditData states it. */
  recordType: unknown;
  /** Graph's createdDateTime (UTC, with Z), when the record came from Graph. */
  createdDateTime: string | null;
}

function auditDataOf(value: unknown): Record<string, unknown> | string {
  if (isObject(value)) return value;
  if (typeof value !== "string") return "AuditData is missing";
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : "AuditData is not a JSON object";
  } catch {
    return "AuditData is not valid JSON";
  }
}

/** A JSON record: a Graph record, a Search-UnifiedAuditLog row, or AuditData itself. */
function fromJson(element: Record<string, unknown>, notes: ParseNotes): AuditRecord | string {
  const graph = field(element, "auditData");
  if (graph !== undefined && "auditLogRecordType" in element) {
    noteVariant(notes, "Microsoft Graph audit log records");
    const audit = auditDataOf(graph);
    if (typeof audit === "string") return audit;
    const created = element.createdDateTime;
    return { audit, recordType: element.auditLogRecordType, createdDateTime: typeof created === "string" ? created : null };
  }
  if (graph !== undefined) {
    noteVariant(notes, "Search-UnifiedAuditLog JSON");
    const audit = auditDataOf(graph);
    return typeof audit === "string" ? audit : { audit, recordType: field(element, "RecordType") ?? audit.RecordType, createdDateTime: null };
  }
  noteVariant(notes, "Management Activity API records");
  return { audit: element, recordType: field(element, "RecordType"), createdDateTime: null };
}

async function* fromCsv(text: TextChunks, head: string, notes: ParseNotes): AsyncGenerator<Parsed<AuditRecord>> {
  let variant = "audit CSV";
  const rows = csvRows(text, {
    skipLines: preambleLines(head),
    onHeader: (columns) => {
      if (!columns.includes("auditdata")) {
        throw new UserFacingError(`The CSV header has no AuditData column (it has ${columns.join(", ")}): is it a Purview audit export?`);
      }
      variant = columns.includes("recordid") ? "Purview portal CSV export" : columns.includes("resultindex") ? "Search-UnifiedAuditLog CSV" : "audit CSV";
    },
  });
  for await (const row of rows) {
    notes.csvRows++;
    if ("error" in row) {
      yield row;
      continue;
    }
    noteVariant(notes, variant);
    const audit = auditDataOf(row.record.auditdata);
    if (typeof audit === "string") yield { line: row.line, error: audit };
    else yield { line: row.line, record: { audit, recordType: row.record.recordtype || audit.RecordType, createdDateTime: null } };
  }
}

/** Audit records from JSON objects already parsed: a JSON file's records, or what a pull fetched. */
export async function* purviewObjects(items: AsyncIterable<Parsed<Record<string, unknown>>>, notes: ParseNotes): AsyncGenerator<Parsed<AuditRecord>> {
  for await (const item of items) {
    if ("error" in item) {
      yield item;
      continue;
    }
    const record = fromJson(item.record, notes);
    yield typeof record === "string" ? { line: item.line, error: record } : { line: item.line, record };
  }
}

export function purviewRecords(text: TextChunks, format: InputFormat, head: string, notes: ParseNotes): AsyncGenerator<Parsed<AuditRecord>> {
  return format === "csv" ? fromCsv(text, head, notes) : purviewObjects(jsonObjects(text, format), notes);
}
