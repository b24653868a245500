// Pure derivation, one function per source type: a record → the events the data supports, or a skip reason, or an
// error. Plus, for each type, whom a record is about (the directory key), so lookups can be batched beforehand.
import type { SourceType } from "@/lib/contract/vocabulary";
import type { RecordOf } from "@/lib/sources/formats";
import { derivePurview, purviewPerson } from "./purview";
import { deriveSession } from "./sessions";
import { conversationPerson, deriveConversation } from "./transcripts";
import type { DeriveContext, Derivation } from "./rules";

export interface Deriver<T extends SourceType> {
  derive(record: RecordOf[T], context: DeriveContext): Derivation;
  /** The lower-cased identifier the directory knows the record's person by; null when the record names nobody. */
  person(record: RecordOf[T]): string | null;
  /** A record's own id, shown as an example in the summary (never personal content). */
  label(record: RecordOf[T]): string;
}

export const DERIVERS: { [T in SourceType]: Deriver<T> } = {
  "purview-audit": { derive: derivePurview, person: purviewPerson, label: (r) => String(r.audit.Id ?? r.audit.id ?? "") },
  "copilot-studio-sessions": { derive: deriveSession, person: () => null, label: (r) => r.sessionId },
  "copilot-studio-transcripts": { derive: deriveConversation, person: conversationPerson, label: (r) => r.conversationId },
};

export * from "./rules";
