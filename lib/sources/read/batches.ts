// The reading half of an import: parsed records → the directory's people of each batch looked up together → derive (pure) → one outcome per record, in
// the file's order, with the line the record starts on.
import type { IncomingEvent } from "@/lib/contract/event";
import type { SourceInput } from "@/lib/contract/sources";
import type { SourceType } from "@/lib/contract/vocabulary";
import type { Parsed, RecordOf } from "../formats";
import { DERIVERS, type Deriver, type MatchFacts, type SkipReason } from "../derive";
import type { DirectoryLookup } from "./directoryLookup";

/** What one record became: its events, a skip with its reason, or why it could not be read. */
export type Outcome =
  | { line: number; events: IncomingEvent[] }
  | { line: number; skip: SkipReason; label: string; facts?: MatchFacts }
  | { line: number; error: string };

/** Records whose people are looked up in the directory together. */
const RECORD_BATCH = 500;

/** Parser messages name no subject ("is not valid JSON"); the summary says which record. */
const sentence = (message: string) => (/^(is|has) /.test(message) ? `the record ${message}` : message);

export async function* outcomeBatches(
  type: SourceType,
  items: AsyncIterable<Parsed<RecordOf[SourceType]>>,
  source: SourceInput,
  directory: DirectoryLookup,
): AsyncGenerator<Outcome[]> {
  // The source's type decides both the parser and the deriver, so their record types agree.
  const deriver = DERIVERS[type] as unknown as Deriver<SourceType>;
  const context = { source, cohortOf: directory.cohortOf };
  const derive = async (batch: Parsed<RecordOf[SourceType]>[]): Promise<Outcome[]> => {
    await directory.prefetch(batch.flatMap((item) => ("error" in item ? [] : (deriver.person(item.record) ?? []))));
    return batch.map((item): Outcome => {
      if ("error" in item) return { line: item.line, error: sentence(item.error) };
      const result = deriver.derive(item.record, context);
      if ("skip" in result) return { line: item.line, skip: result.skip, label: deriver.label(item.record), ...(result.facts ? { facts: result.facts } : {}) };
      return { line: item.line, ...result };
    });
  };
  let batch: Parsed<RecordOf[SourceType]>[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === RECORD_BATCH) {
      yield await derive(batch);
      batch = [];
    }
  }
  if (batch.length) yield await derive(batch);
}
