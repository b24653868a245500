// Copilot Studio analytics → "Download sessions" (CSV). Columns are found by name, case-insensitively, and extra
// columns are fine. InitialUserMessage and ChatTranscript hold what people typed: they are not read at all.
import { UserFacingError } from "@/lib/errors";
import { csvRows } from "./csvRows";
import { noteVariant, type InputFormat, type ParseNotes } from "./detect";
import type { Parsed, TextChunks } from "./text";

export interface SessionRecord {
  sessionId: string;
  /** StartDateTime as written: local time of the source's timezone unless it carries an offset. */
  start: string;
  outcome: string;
  topicName: string | null;
}

const REQUIRED = ["sessionid", "startdatetime", "sessionoutcome"];

export async function* sessionRecords(text: TextChunks, format: InputFormat, notes: ParseNotes): AsyncGenerator<Parsed<SessionRecord>> {
  if (format !== "csv") throw new UserFacingError("Copilot Studio sessions come as the CSV of Analytics → Download sessions; this file is JSON.");
  const rows = csvRows(text, {
    onHeader: (columns) => {
      const missing = REQUIRED.filter((name) => !columns.includes(name));
      if (missing.length) throw new UserFacingError(`The CSV header lacks ${missing.join(", ")} (SessionID, StartDateTime and SessionOutcome are needed).`);
    },
  });
  for await (const row of rows) {
    notes.csvRows++;
    if ("error" in row) {
      yield row;
      continue;
    }
    noteVariant(notes, "Copilot Studio sessions CSV");
    const { sessionid, startdatetime, sessionoutcome, topicname } = row.record;
    if (!sessionid?.trim()) yield { line: row.line, error: "SessionID is empty" };
    else if (!startdatetime?.trim()) yield { line: row.line, error: "StartDateTime is empty" };
    else yield { line: row.line, record: { sessionId: sessionid.trim(), start: startdatetime.trim(), outcome: (sessionoutcome ?? "").trim(), topicName: topicname?.trim() || null } };
  }
}
