import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { testProgram, testActor } from "@/lib/testing/fixtures";
import { setAppDatabase } from "@/lib/db/database";
import { createApiKey } from "@/lib/auth/keys";
import { PUT } from "./route";
import { GET as health } from "../../health/route";

let test: TestDatabase;
let admin: string;
let ingest: string;

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
  admin = (await createApiKey(test.db, { name: "it-admin", scopes: ["admin"] }, testActor)).secret;
  ingest = (await createApiKey(test.db, { name: "agent", scopes: ["ingest"] }, testActor)).secret;
});
afterAll(() => test.drop());

function put(body: unknown, key: string) {
  return PUT(
    new Request("http://localhost/api/v1/program", {
      method: "PUT",
      headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

describe("PUT /api/v1/program", () => {
  it("applies the document with an admin key, idempotently", async () => {
    const first = await put(testProgram, admin);
    expect(first.status).toBe(200);
    expect((await first.json()).changed).toBe(true);
    expect((await (await put(testProgram, admin)).json()).changed).toBe(false);
  });

  it("needs the admin scope", async () => {
    expect((await put(testProgram, ingest)).status).toBe(403);
  });

  it("refuses a bad document with 400 and the JSON paths", async () => {
    const response = await put({ workflows: [{ key: "x" }] }, admin);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("invalid_program");
    expect(error.errors.map((e: { path: string }) => e.path)).toContain("workflows[0].name");
  });
});

describe("GET /api/health", () => {
  it("answers ok while the database is reachable", async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 when it is not", async () => {
    const { openDatabase } = await import("@/lib/db/database");
    const unreachable = openDatabase("postgresql://nobody@127.0.0.1:1/none");
    setAppDatabase(unreachable);
    try {
      expect((await health()).status).toBe(503);
    } finally {
      setAppDatabase(test.db);
      await unreachable.close();
    }
  });
});
