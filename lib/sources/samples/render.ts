// The story's records written out the way each Microsoft export writes them. Each renderer yields text in pieces,
// so a benchmark can stream a large file to disk as easily as a test builds a small one in memory.
import type { Person, SessionRow, TranscriptRow } from "./story";

type Records = Iterable<Record<string, unknown>>;

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 cell: quoted when it holds a quote, comma or line break, quotes doubled. */
export function csvCell(value: unknown, alwaysQuote = false): string {
  const text = value === null || value === undefined ? "" : String(value);
  return alwaysQuote || NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (cells: readonly unknown[], alwaysQuote = false) => `${cells.map((c) => csvCell(c, alwaysQuote)).join(",")}\r\n`;

/** The exporter's locale decides how the portal writes CreationDate; only AuditData.CreationTime is reliable. */
export type ExportLocale = "en-US" | "de-DE";

const formatters = new Map<ExportLocale, Intl.DateTimeFormat>();

function localeDate(creationTime: unknown, locale: ExportLocale): string {
  const instant = new Date(`${String(creationTime)}Z`);
  let formatter = formatters.get(locale);
  if (!formatter) {
    const options = { timeZone: "UTC", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit", hour12: locale === "en-US" } as const;
    formatters.set(locale, (formatter = new Intl.DateTimeFormat(locale, options)));
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return locale === "en-US"
    ? `${parts.month}/${parts.day}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second} ${parts.dayPeriod}`
    : `${parts.day!.padStart(2, "0")}.${parts.month!.padStart(2, "0")}.${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Record type names as the portal and Search-UnifiedAuditLog write them. */
const recordTypeName = (record: Record<string, unknown>) => (record.RecordType === 261 ? "CopilotInteraction" : record.RecordType === 328 ? "ConnectedAIAppInteraction" : String(record.RecordType));

export interface PortalCsvOptions {
  bom?: boolean;
  locale?: ExportLocale;
  /** AuditData written over several lines, so the cell holds line breaks. */
  multiline?: boolean;
}

/** The Purview portal's audit search export. */
export function* purviewPortalCsv(records: Records, options: PortalCsvOptions = {}): Generator<string> {
  yield (options.bom ? "\uFEFF" : "") + csvLine(["RecordId", "CreationDate", "RecordType", "Operation", "UserId", "AuditData", "AssociatedAdminUnits", "AssociatedAdminUnitsNames"]);
  for (const record of records) {
    const auditData = options.multiline ? JSON.stringify(record, null, 1) : JSON.stringify(record);
    yield csvLine([record.Id, localeDate(record.CreationTime, options.locale ?? "en-US"), recordTypeName(record), record.Operation, record.UserId, auditData, "", ""]);
  }
}

/** `Search-UnifiedAuditLog … | Export-Csv` (Windows PowerShell 5 adds a #TYPE line unless told not to). */
export function* purviewSearchCsv(records: Records, options: { typeLine?: boolean } = {}): Generator<string> {
  if (options.typeLine) yield "#TYPE Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.AuditRecord\r\n";
  yield csvLine(["CreationDate", "UserIds", "Operations", "RecordType", "AuditData", "ResultIndex", "ResultCount", "Identity"], true);
  const all = [...records];
  for (const [i, record] of all.entries()) {
    const cells = [localeDate(record.CreationTime, "en-US"), record.UserId, record.Operation, recordTypeName(record), JSON.stringify(record), i + 1, all.length, record.Id];
    yield csvLine(cells, true);
  }
}

/** `Search-UnifiedAuditLog … | ConvertTo-Json`: pretty-printed, AuditData still a string. */
export function* purviewSearchJson(records: Records): Generator<string> {
  const all = [...records];
  const rows = all.map((record, i) => ({
    RecordType: recordTypeName(record),
    CreationDate: `${String(record.CreationTime)}.0000000`,
    UserIds: record.UserId,
    Operations: record.Operation,
    AuditData: JSON.stringify(record),
    ResultIndex: i + 1,
    ResultCount: all.length,
    Identity: record.Id,
  }));
  yield JSON.stringify(rows, null, 4);
}

/** Management Activity API content: a JSON array of AuditData objects. */
export function* managementJson(records: Records): Generator<string> {
  yield "[";
  let first = true;
  for (const record of records) {
    yield (first ? "" : ",") + JSON.stringify(record);
    first = false;
  }
  yield "]";
}

/** The same records one per line (NDJSON), as many collectors save them. */
export function* managementNdjson(records: Records): Generator<string> {
  for (const record of records) yield `${JSON.stringify(record)}\n`;
}

/** A Microsoft Graph audit log query's records page: camelCase, auditData an object. */
export function* graphJson(records: Records): Generator<string> {
  const value = [...records].map((record) => ({
    id: record.Id,
    createdDateTime: `${String(record.CreationTime)}Z`,
    auditLogRecordType: record.RecordType === 261 ? "copilotInteraction" : "connectedAIAppInteraction",
    operation: String(record.Operation),
    organizationId: record.OrganizationId,
    userType: "regular",
    userId: record.UserKey,
    userPrincipalName: record.UserId,
    service: "Copilot",
    objectId: null,
    auditData: record,
  }));
  yield JSON.stringify({ "@odata.context": "https://graph.microsoft.com/beta/$metadata#security/auditLog/queries('q1')/records", value }, null, 2);
}

export const SESSION_COLUMNS = ["SessionID", "StartDateTime", "InitialUserMessage", "TopicName", "ChatTranscript", "SessionOutcome", "TopicId"] as const;

/** Copilot Studio analytics → Download sessions. `variant` writes a newer export: other header casing, an extra column, offsets. */
export function* sessionsCsv(rows: Iterable<SessionRow>, variant = false): Generator<string> {
  const header: string[] = variant ? [...SESSION_COLUMNS.map((c) => c.toLowerCase()), "Channel"] : [...SESSION_COLUMNS];
  yield csvLine(header);
  for (const row of rows) {
    const start = variant ? `${row.StartDateTime.replace(" ", "T")}+00:00` : row.StartDateTime;
    yield csvLine([row.SessionID, start, row.InitialUserMessage, row.TopicName, row.ChatTranscript, row.SessionOutcome, row.TopicId, ...(variant ? ["Teams"] : [])]);
  }
}

/** Dataverse Web API pages of conversationtranscripts ({"value": […]}), or a bare array. */
export function* transcriptsJson(rows: Iterable<TranscriptRow>, envelope = true): Generator<string> {
  const value = [...rows];
  yield envelope
    ? JSON.stringify({ "@odata.context": "https://contoso.crm.example/api/data/v9.2/$metadata#conversationtranscripts", value, "@odata.nextLink": null })
    : JSON.stringify(value, null, 2);
}

const TRANSCRIPT_COLUMNS = ["conversationtranscriptid", "name", "conversationstarttime", "createdon", "content", "metadata"] as const;

export function* transcriptsCsv(rows: Iterable<TranscriptRow>): Generator<string> {
  yield csvLine(TRANSCRIPT_COLUMNS);
  for (const row of rows) yield csvLine(TRANSCRIPT_COLUMNS.map((column) => row[column]));
}

/** Content over Dataverse's limit is split across rows that share the conversation's name and BatchId. */
export function splitTranscript(row: TranscriptRow, parts: number): TranscriptRow[] {
  const size = Math.ceil(row.content.length / parts);
  return Array.from({ length: parts }, (_, i) => ({
    ...row,
    conversationtranscriptid: `${row.conversationtranscriptid.slice(0, -2)}${String(i).padStart(2, "0")}`,
    content: row.content.slice(i * size, (i + 1) * size),
  }));
}

/** An Entra ID users export with the cohort column added (and the department to map from instead). */
export function* peopleCsv(people: Iterable<Person>, departments: Record<string, string>): Generator<string> {
  yield csvLine(["userPrincipalName", "displayName", "objectId", "department", "cohort"]);
  for (const p of people) yield csvLine([p.user, p.displayName, p.objectId, p.department, departments[p.department] ?? ""]);
}
