import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { testActor } from "@/lib/testing/fixtures";
import { setAppDatabase } from "@/lib/db/database";
import { createApiKey } from "@/lib/auth/keys";
import { applyProgram } from "@/lib/program/applyProgram";
import { buildDemoProgram } from "@/lib/demo/program";
import { buildM365Sample } from "@/lib/sources/samples/story";
import { formatFiles, sampleProgram } from "@/lib/sources/samples/files";
import { GET, POST } from "./route";

const END = new Date("2026-11-30T00:00:00Z");
const sample = buildM365Sample({ records: 60, end: END });
const sessions = [...formatFiles(sample).find((f) => f.name === "copilot-studio-sessions.csv")!.chunks()].join("");

let test: TestDatabase;
let admin: string;
let ingest: string;

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
  await applyProgram(test.db, { ...buildDemoProgram(END), ...sampleProgram(sample) }, testActor);
  admin = (await createApiKey(test.db, { name: "it-admin", scopes: ["admin"] }, testActor)).secret;
  ingest = (await createApiKey(test.db, { name: "agent", scopes: ["ingest"] }, testActor)).secret;
});
afterAll(() => test.drop());

/** The body as a stream, the way a large upload arrives. */
function post(query: string, body: string, key = admin, headers: Record<string, string> = {}) {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const bytes = new TextEncoder().encode(body);
      for (let at = 0; at < bytes.length; at += 1000) controller.enqueue(bytes.subarray(at, at + 1000));
      controller.close();
    },
  });
  return POST(
    new Request(`http://localhost/api/v1/imports?${query}`, { method: "POST", headers: { authorization: `Bearer ${key}`, ...headers }, body: stream, duplex: "half" } as RequestInit),
    { params: Promise.resolve({}) },
  );
}

describe("POST /api/v1/imports", () => {
  it("previews with dryRun=1, storing nothing, then imports; the second import finds everything imported", async () => {
    const preview = await post("source=support-bot&dryRun=1&fileName=sessions.csv", sessions);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-security-policy")).toContain("default-src 'none'");
    const summary = await preview.json();
    expect(summary).toMatchObject({ dryRun: true, fileName: "sessions.csv", source: "support-bot", format: "csv" });
    expect(summary.counts.new).toBeGreaterThan(0);
    expect(summary.preview.length).toBeGreaterThan(0);
    expect(await test.db.prisma.event.count()).toBe(0);

    const committed = await (await post("source=support-bot&fileName=sessions.csv", sessions)).json();
    expect(committed.counts.new).toBe(summary.counts.new);
    expect(await test.db.prisma.event.count()).toBe(summary.counts.new);
    const again = await (await post("source=support-bot", sessions)).json();
    expect(again.counts).toMatchObject({ new: 0, alreadyImported: summary.counts.events });

    const history = await (await GET(new Request("http://localhost/api/v1/imports", { headers: { authorization: `Bearer ${admin}` } }), { params: Promise.resolve({}) })).json();
    expect(history.imports.map((i: { fileName: string }) => i.fileName)).toEqual(["upload", "sessions.csv"]);
  });

  it("answers 400 naming the problem: an unknown source, a missing query, a file of the wrong kind", async () => {
    const unknown = await post("source=nope", sessions);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toMatch(/unknown source "nope"/);
    expect((await post("", sessions)).status).toBe(400);
    const wrong = await post("source=support-bot", '{"value": []}');
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toMatch(/CSV of Analytics → Download sessions/);
  });

  it("needs the admin scope and refuses a body declared over the limit with 413", async () => {
    expect((await post("source=support-bot", sessions, ingest)).status).toBe(403);
    expect((await post("source=support-bot", sessions, admin, { "content-length": String(5 * 1024 ** 3) })).status).toBe(413);
  });
});
