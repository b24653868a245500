// The benchmark's rows: demo events in batches of 500, encoded once per consumer (a JSON body for the HTTP API,
// flat parameter arrays for the raw driver), handed out one batch at a time to concurrent loops.
import type { IncomingEvent } from "@/lib/contract/event";
import { generateDemoEvents } from "@/lib/demo/generate";
import { progress } from "@/lib/cli/progress";

export const BATCH_SIZE = 500;

/**
 * Up to this many events, every batch is generated and encoded before the timed phase starts, so neither rate
 * includes generation (about 0.5 KB per event in memory). Above it (the 10M run) holding all batches would take
 * gigabytes, so both the HTTP and the raw run generate each batch on the fly: both rates then include the same
 * generation cost, which keeps their ratio fair while understating both a little.
 */
export const PREGENERATE_LIMIT = 2_000_000;

export interface Workload {
  seed: number;
  events: number;
  /** Exclusive end of the demo period (the program's rollout dates are placed relative to it). */
  end: Date;
}

/** The demo events of the workload, BATCH_SIZE at a time (the last batch may be shorter). */
export function* demoBatches(workload: Workload): Generator<IncomingEvent[]> {
  let batch: IncomingEvent[] = [];
  for (const event of generateDemoEvents({ seed: workload.seed, events: workload.events, end: workload.end })) {
    batch.push(event);
    if (batch.length === BATCH_SIZE) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export interface Encoded {
  /** Events in this batch. */
  count: number;
}

/**
 * Hands out the encoded batches to any number of async loops. `next()` is synchronous, so two loops never get
 * the same batch.
 */
export interface BatchSource<T extends Encoded> {
  next(): T | undefined;
  readonly pregenerated: boolean;
}

export function batchSource<T extends Encoded>(workload: Workload, encode: (events: IncomingEvent[]) => T, label: string): BatchSource<T> {
  if (workload.events > PREGENERATE_LIMIT) {
    const batches = demoBatches(workload);
    return {
      pregenerated: false,
      next() {
        const result = batches.next();
        return result.done ? undefined : encode(result.value);
      },
    };
  }

  const encoded: (T | undefined)[] = [];
  const bar = progress(`Generating ${label}`, workload.events);
  let generated = 0;
  for (const batch of demoBatches(workload)) {
    encoded.push(encode(batch));
    generated += batch.length;
    bar.update(generated);
  }
  bar.finish(`${generated.toLocaleString("en-US")} events`);
  let index = 0;
  return {
    pregenerated: true,
    next() {
      if (index >= encoded.length) return undefined;
      const batch = encoded[index];
      // Drop the reference: memory is freed as the run goes, not only after it.
      encoded[index++] = undefined;
      return batch;
    },
  };
}
