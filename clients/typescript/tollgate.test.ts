// The TypeScript client: its types and limits are the contract's; it batches within the server's limits, retries
// 429 and 5xx answers (honouring Retry-After) with the same ids, drops what the server refuses, flushes on close and
// on SIGTERM; and against a real server (both databases) its events are accepted once, however often they are sent.
import http from "node:http";
import path from "node:path";
import { spawn } from "node:child_process";
import type { z } from "zod";
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { eventSchema, MAX_BATCH_EVENTS as CONTRACT_MAX_EVENTS, MAX_BODY_BYTES } from "@/lib/contract/event";
import { describeEachDatabase } from "@/lib/testing/databases";
import { startLiveServer, type LiveServer } from "@/lib/testing/liveServer";
import { testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { demoProgram } from "@/lib/demo/program";
import { createApiKey } from "@/lib/auth/keys";
import { batches, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, retryAfterMs, TollgateClient, TollgateError, type SentEvent, type TollgateEvent } from "./tollgate";

const event = (n: number, extra: Partial<TollgateEvent> = {}): TollgateEvent =>
  ({ type: "output", workflow: "ticket-triage", cohort: "support-pilot", taskId: `T-${n}`, outputKind: "draft", ...extra }) as TollgateEvent;

describe("the client's contract", () => {
  it("sends what the contract accepts, within the server's limits", () => {
    expectTypeOf<SentEvent>().toExtend<z.input<typeof eventSchema>>();
    expectTypeOf<z.input<typeof eventSchema>>().toExtend<SentEvent>();
    expect([MAX_BATCH_EVENTS, MAX_BATCH_BYTES]).toEqual([CONTRACT_MAX_EVENTS, MAX_BODY_BYTES]);
  });

  it("splits batches by count and by bytes", () => {
    const many = Array.from({ length: 2500 }, (_, n) => ({ ...event(n), id: `e-${n}`, occurredAt: "2026-12-01T09:00:00Z" }) as SentEvent);
    expect(batches(many).map((b) => b.length)).toEqual([1000, 1000, 500]);
    const bytes = JSON.stringify({ events: many.slice(0, 10) }).length;
    const bySize = batches(many.slice(0, 10), 1000, Math.ceil(bytes / 3));
    expect(bySize.length).toBe(4);
    expect(bySize.flat()).toEqual(many.slice(0, 10));
    for (const batch of bySize) expect(JSON.stringify({ events: batch }).length).toBeLessThanOrEqual(Math.ceil(bytes / 3));
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(10_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs("soon")).toBeNull();
  });
});

/** A scripted stand-in for the server: answers each request with the next of `answers`, records the bodies. */
function stubServer(answers: { status: number; headers?: Record<string, string>; body: unknown }[]) {
  const bodies: string[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      bodies.push(body);
      const answer = answers.shift() ?? { status: 200, body: { accepted: 0, duplicates: 0, rejected: [] } };
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers }).end(JSON.stringify(answer.body));
    });
  });
  const url = new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
  return { bodies, url, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("the client against a scripted server", () => {
  let stub: ReturnType<typeof stubServer>;
  afterEach(() => stub.close());
  const ok = (accepted: number) => ({ status: 200, body: { accepted, duplicates: 0, rejected: [] } });
  const client = async (sleeps: number[] = []) =>
    new TollgateClient({ baseUrl: await stub.url, apiKey: "tg_test", flushIntervalMs: 0, flushOnExit: false, sleep: async (ms) => void sleeps.push(ms) });

  it("retries 429 after Retry-After and 5xx with backoff, sending the same ids each time", async () => {
    stub = stubServer([{ status: 429, headers: { "retry-after": "2" }, body: { error: { code: "rate_limited", message: "wait" } } }, { status: 503, body: "busy" }, ok(2)]);
    const sleeps: number[] = [];
    const tollgate = await client(sleeps);
    const sent = tollgate.send(event(1), event(2, { id: "my-own-id" }));
    expect(sent[1]!.id).toBe("my-own-id");
    expect(sent[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await tollgate.flush()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(stub.bodies).toHaveLength(3);
    expect(new Set(stub.bodies).size).toBe(1);
    expect(sleeps[0]).toBe(2000);
    expect(sleeps[1]).toBeGreaterThanOrEqual(500);
    expect(sleeps[1]).toBeLessThan(1000);
  });

  it("keeps a batch that outlasted the retries and sends it on the next flush", async () => {
    stub = stubServer([{ status: 500, body: {} }, { status: 500, body: {} }, ok(1)]);
    const tollgate = new TollgateClient({ baseUrl: await stub.url, apiKey: "k", maxRetries: 1, flushIntervalMs: 0, flushOnExit: false, sleep: async () => undefined });
    tollgate.send(event(1));
    await expect(tollgate.flush()).rejects.toMatchObject({ status: 500 });
    expect(await tollgate.flush()).toMatchObject({ accepted: 1 });
    expect(stub.bodies[2]).toBe(stub.bodies[0]);
  });

  it("does not retry a refusal: it throws the server's field errors and drops the batch", async () => {
    const errors = [{ path: "events[0].cohort", message: 'unknown cohort "x"' }];
    stub = stubServer([{ status: 400, body: { error: { code: "bad_request", message: "Request body does not match the contract.", errors } } }]);
    const tollgate = await client();
    tollgate.send(event(1));
    const refused = await tollgate.flush().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TollgateError);
    expect(refused).toMatchObject({ status: 400, code: "bad_request", errors });
    expect(await tollgate.flush()).toEqual({ accepted: 0, duplicates: 0, rejected: [] });
    expect(stub.bodies).toHaveLength(1);
  });

  it("reports a 207's rejected events by id", async () => {
    stub = stubServer([{ status: 207, body: { accepted: 1, duplicates: 0, rejected: [{ index: 1, id: "b", errors: [{ path: "events[1].workflow", message: "unknown" }] }] } }]);
    const tollgate = await client();
    tollgate.send(event(1, { id: "a" }), event(2, { id: "b" }));
    expect(await tollgate.flush()).toEqual({ accepted: 1, duplicates: 0, rejected: [{ id: "b", errors: [{ path: "events[1].workflow", message: "unknown" }] }] });
  });

  it("flushes what is queued on close, and on SIGTERM before the process ends", async () => {
    stub = stubServer([ok(1), ok(1)]);
    const tollgate = await client();
    tollgate.send(event(1));
    expect(stub.bodies).toHaveLength(0);
    await tollgate.close();
    expect(stub.bodies).toHaveLength(1);

    const script = `import { TollgateClient } from ${JSON.stringify(path.join(import.meta.dirname, "tollgate.ts"))};
      const client = new TollgateClient({ baseUrl: ${JSON.stringify(await stub.url)}, apiKey: "k", flushIntervalMs: 60000 });
      client.send({ type: "escalation", workflow: "w", cohort: "c", taskId: "T-9" });
      setInterval(() => {}, 1000);
      process.kill(process.pid, "SIGTERM");`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: "ignore" });
    const signal = await new Promise((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    expect(signal).toBe("SIGTERM");
    expect(stub.bodies).toHaveLength(2);
    expect(JSON.parse(stub.bodies[1]!).events[0]).toMatchObject({ type: "escalation", taskId: "T-9" });
  });
});

describeEachDatabase("the client against a real server", (database) => {
  let server: LiveServer;
  let apiKey: string;
  beforeAll(async () => {
    const db = database();
    await applyProgram(db, demoProgram, testActor);
    apiKey = (await createApiKey(db, { name: "client", scopes: ["ingest"] }, testActor)).secret;
    // One request a second: the client's second batch meets a real 429 and its Retry-After.
    server = await startLiveServer(db, { TOLLGATE_INGEST_RATE: "1", TOLLGATE_INGEST_BURST: "1" });
  }, 20 * 60_000);
  afterAll(() => server?.stop());

  it("sends 2,500 events in three batches through the rate limit, and a re-send counts none twice", async () => {
    const statuses: number[] = [];
    const observed: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    };
    const tollgate = new TollgateClient({ baseUrl: server.baseUrl, apiKey, flushIntervalMs: 0, flushOnExit: false, fetch: observed });
    const sent = tollgate.send(...Array.from({ length: 2500 }, (_, n) => event(n, { occurredAt: "2026-12-01T09:00:00Z" })));
    expect(await tollgate.flush()).toEqual({ accepted: 2500, duplicates: 0, rejected: [] });
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses).toContain(429);

    tollgate.send(...sent, event(9999, { id: "unknown-cohort", cohort: "nowhere", occurredAt: "2026-12-01T09:00:00Z" }));
    const again = await tollgate.close();
    expect(again).toMatchObject({ accepted: 0, duplicates: 2500 });
    expect(again.rejected).toEqual([{ id: "unknown-cohort", errors: [{ path: "events[500].cohort", message: expect.stringContaining("unknown cohort") }] }]);
  }, 120_000);
});
