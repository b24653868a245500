// Ingestion through the HTTP API: batches of 500 posted to /api/v1/events by concurrent clients.
import type { IncomingEvent } from "@/lib/contract/event";
import { progress } from "@/lib/cli/progress";
import type { BatchSource, Encoded } from "./workload";

export const HTTP_CLIENTS = 4;

export interface HttpBatch extends Encoded {
  body: string;
}

/** Serialized before the timed phase (when pre-generated): a client's JSON encoding is not the server's cost. */
export function encodeHttpBatch(events: IncomingEvent[]): HttpBatch {
  return { body: JSON.stringify({ events }), count: events.length };
}

export interface HttpIngestFigures {
  events: number;
  requests: number;
  clients: number;
  seconds: number;
  eventsPerSecond: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: unknown[];
}

export async function ingestOverHttp(options: {
  baseUrl: string;
  apiKey: string;
  source: BatchSource<HttpBatch>;
  total: number;
  clients?: number;
}): Promise<HttpIngestFigures> {
  const { baseUrl, apiKey, source, total, clients = HTTP_CLIENTS } = options;
  const url = `${baseUrl}/api/v1/events`;
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  const totals = { events: 0, requests: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const bar = progress("HTTP ingestion", total);
  let failed = false;

  // Node's fetch keeps connections alive and pools them per origin, so each loop reuses its connection.
  async function client(): Promise<void> {
    for (let batch = source.next(); batch && !failed; batch = source.next()) {
      const response = await fetch(url, { method: "POST", headers, body: batch.body });
      const text = await response.text();
      if (response.status !== 200 && response.status !== 207) {
        failed = true;
        throw new Error(`POST /api/v1/events answered ${response.status}: ${text.slice(0, 500)}`);
      }
      const result = JSON.parse(text) as IngestResponse;
      totals.events += batch.count;
      totals.requests += 1;
      totals.accepted += result.accepted;
      totals.duplicates += result.duplicates;
      totals.rejected += result.rejected.length;
      if (result.rejected.length > 0 && totals.rejected === result.rejected.length) {
        console.error(`First rejected events: ${JSON.stringify(result.rejected.slice(0, 3))}`);
      }
      bar.update(totals.events, `${totals.accepted.toLocaleString("en-US")} accepted`);
    }
  }

  // Before the clock starts, each client sends an empty batch, which the route refuses with 400 after checking the
  // key: that loads the route's code and opens the keep-alive connections, one-time costs a long run would not see.
  async function warmUp(): Promise<void> {
    const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ events: [] }) });
    const text = await response.text();
    if (response.status !== 400) throw new Error(`warm-up POST /api/v1/events answered ${response.status} instead of 400: ${text.slice(0, 500)}`);
  }
  await Promise.all(Array.from({ length: clients }, warmUp));

  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - started) / 1000;
  bar.finish(`${totals.accepted.toLocaleString("en-US")} accepted`);
  return { ...totals, clients, seconds, eventsPerSecond: totals.events / seconds };
}
