// The drills' events: batches of the seeded demo generator (realistic mixes over the demo program's rollouts),
// encoded once, with their identities, so a retry sends exactly the same batch again.
import type { IncomingEvent } from "@/lib/contract/event";
import { generateDemoEvents } from "@/lib/demo/generate";
import { eventKey } from "@/lib/ingest/identity";

export interface EncodedBatch {
  /** The events' identities (eventKey: workflow and id). */
  ids: string[];
  body: string;
  count: number;
}

export function encodeBatch(events: readonly IncomingEvent[] | readonly Record<string, unknown>[]): EncodedBatch {
  return { ids: events.map((e) => eventKey({ workflow: String(e.workflow), id: String(e.id) })), body: JSON.stringify({ events }), count: events.length };
}

/** Demo events for the demo program, `size` at a time; the same options give the same batches. */
export function* demoBatches(options: { seed: number; events: number; end: Date; size: number; idPrefix?: string }): Generator<EncodedBatch> {
  let batch: IncomingEvent[] = [];
  for (const event of generateDemoEvents({ seed: options.seed, events: options.events, end: options.end })) {
    batch.push(options.idPrefix ? { ...event, id: options.idPrefix + event.id } : event);
    if (batch.length === options.size) {
      yield encodeBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield encodeBatch(batch);
}
