import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { anEvent, testProgram, testActor } from "@/lib/testing/fixtures";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { createApiKey, revokeApiKey } from "@/lib/auth/keys";
import { MAX_BODY_BYTES } from "@/lib/contract/event";
import { POST } from "./route";
import { POST as postOne } from "./[type]/route";

let test: TestDatabase;
const secrets: Record<string, string> = {};

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
  await applyProgram(test.db, testProgram, testActor);
  for (const [name, scopes, workflows] of [
    ["agent", ["ingest"], null],
    ["reader", ["read"], null],
    ["crm-only", ["ingest"], ["crm-enrichment"]],
    ["revoked", ["ingest"], null],
  ] as const) {
    secrets[name] = (await createApiKey(test.db, { name, scopes: [...scopes], workflows: workflows ? [...workflows] : null }, testActor)).secret;
  }
  await revokeApiKey(test.db, "revoked", testActor);
});
afterAll(() => test.drop());

const recent = () => new Date(Date.now() - 60_000).toISOString();

function post(body: string | Uint8Array | object, key: string | null = secrets.agent!, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://localhost/api/v1/events", {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body: typeof body === "string" || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

describe("POST /api/v1/events", () => {
  it("accepts a batch with 200 and the counts, with the security headers proxy.ts leaves to this route", async () => {
    const response = await post({ events: [anEvent("output", { occurredAt: recent() })] });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it("answers 207 with the rejected items when some are invalid, and stores the valid ones", async () => {
    const good = anEvent("output", { occurredAt: recent() });
    const response = await post({ events: [good, anEvent("review", { occurredAt: recent(), verdict: "fine" })] });
    expect(response.status).toBe(207);
    const body = await response.json();
    expect(body).toMatchObject({ accepted: 1, duplicates: 0, rejected: [{ index: 1, errors: [{ path: "events[1].verdict" }] }] });
    expect(await test.db.prisma.event.count({ where: { id: good.id } })).toBe(1);
  });

  it.each([
    ["no Authorization header", null, 401],
    ["an unknown key", "tg_not-a-real-key", 401],
    ["a revoked key", "revoked", 401],
    ["a key without the ingest scope", "reader", 403],
  ])("refuses %s", async (_case, key, status) => {
    const secret = key && key in secrets ? secrets[key]! : key;
    const response = await post({ events: [anEvent("output", { occurredAt: recent() })] }, secret);
    expect(response.status).toBe(status);
    expect((await response.json()).error.message).toEqual(expect.any(String));
  });

  it("keeps event ids per workflow: a key limited to one workflow can neither squat nor probe another's ids", async () => {
    // crm-only posts the id ticket-triage's agent will use next; the real event must still be stored and counted.
    const squat = anEvent("incident", { id: "T-123-incident", workflow: "crm-enrichment", cohort: "sales-pilot", occurredAt: recent() });
    expect(await (await post({ events: [squat] }, secrets["crm-only"])).json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const real = anEvent("incident", { id: "T-123-incident", workflow: "ticket-triage", occurredAt: recent() });
    expect(await (await post({ events: [real] })).json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(await test.db.prisma.event.findMany({ where: { id: "T-123-incident" }, select: { workflow: true }, orderBy: { workflow: "asc" } })).toEqual([
      { workflow: "crm-enrichment" },
      { workflow: "ticket-triage" },
    ]);
    const incidents = await test.db.prisma.dailyRollup.aggregate({ where: { workflow: "ticket-triage" }, _sum: { incidents: true } });
    expect(incidents._sum.incidents).toBeGreaterThanOrEqual(1);
    // A duplicate is acknowledged only within its own workflow.
    expect(await (await post({ events: [squat] }, secrets["crm-only"])).json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
  });

  it("rejects items for workflows outside the key's list", async () => {
    const response = await post({ events: [anEvent("output", { occurredAt: recent() })] }, secrets["crm-only"]);
    expect(response.status).toBe(207);
    expect((await response.json()).rejected[0].errors[0].path).toBe("events[0].workflow");
  });

  it.each([
    ["malformed JSON", "{not json", "(root)"],
    ["an envelope that is not an object", "[]", "(root)"],
    ["a missing events field", { items: [] }, "events"],
    ["an empty batch", { events: [] }, "events"],
    ["more than 1000 events", { events: Array.from({ length: 1001 }, () => ({})) }, "events"],
    ["an extra envelope field", { events: [anEvent("output")], dryRun: true }, "dryRun"],
  ])("answers 400 for %s", async (_case, body, path) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.message).toEqual(expect.any(String));
    if (typeof body !== "string") expect(error.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("answers 413 for a body over 5 MB, declared or streamed", async () => {
    const huge = JSON.stringify({ events: [anEvent("output", { properties: { pad: "x".repeat(MAX_BODY_BYTES) } })] });
    expect((await post(huge)).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(huge));
        controller.close();
      },
    });
    const response = await POST(
      new Request("http://localhost/api/v1/events", {
        method: "POST",
        headers: { authorization: `Bearer ${secrets.agent}` },
        body: stream,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(413);
  });

  it("answers 400 for a body that is not UTF-8", async () => {
    const response = await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/UTF-8/);
  });
});

describe("POST /api/v1/events/{type}", () => {
  it("answers the contract's counts only, as the batch route does", async () => {
    const { type, ...fields } = anEvent("output", { occurredAt: recent() });
    const response = await postOne(
      new Request("http://localhost/api/v1/events/output", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${secrets.agent}` }, body: JSON.stringify(fields) }),
      { params: Promise.resolve({ type }) },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });
});
