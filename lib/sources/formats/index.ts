// Opens an export for a source type: decodes it, tells its format from the content (unless given), and hands back
// the records of that source type as they are read.
import type { SourceType } from "@/lib/contract/vocabulary";
import { decodeUtf8, peek, type Parsed } from "./text";
import { detectFormat, newNotes, type InputFormat, type ParseNotes } from "./detect";
import { purviewRecords, type AuditRecord } from "./purview";
import { sessionRecords, type SessionRecord } from "./sessions";
import { transcriptConversations, type Conversation } from "./transcripts";

export interface RecordOf {
  "purview-audit": AuditRecord;
  "copilot-studio-sessions": SessionRecord;
  "copilot-studio-transcripts": Conversation;
}

export interface OpenedExport<T extends SourceType> {
  format: InputFormat;
  notes: ParseNotes;
  items: AsyncGenerator<Parsed<RecordOf[T]>>;
}

export async function openExport<T extends SourceType>(type: T, bytes: AsyncIterable<Uint8Array | string>, format?: InputFormat): Promise<OpenedExport<T>> {
  const { head, text } = await peek(decodeUtf8(bytes));
  const chosen = format ?? detectFormat(head);
  const notes = newNotes();
  const items =
    type === "purview-audit"
      ? purviewRecords(text, chosen, head, notes)
      : type === "copilot-studio-sessions"
        ? sessionRecords(text, chosen, notes)
        : transcriptConversations(text, chosen, notes);
  return { format: chosen, notes, items: items as AsyncGenerator<Parsed<RecordOf[T]>> };
}

export type { AuditRecord, SessionRecord, Conversation, InputFormat, ParseNotes, Parsed };
