// The OpenAPI description: a valid OpenAPI 3.1 document (checked by a maintained validator) that describes every
// route handler under app/api/v1, each with a summary, the access of its rule and examples the contract accepts.
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { APP_DIR, routeHandlerKeys } from "@/lib/testing/appRoutes";
import { GET } from "@/app/api/v1/openapi.json/route";
import { routeParams } from "@/lib/testing/sessions";
import { openApiDocument, openApiPath, splitRoute } from "./document";
import { OPERATIONS } from "./operations";

type Described = { summary?: string; description?: string; security?: unknown; parameters?: { name: string; in: string }[] };
const document = openApiDocument();
const described = (route: string): Described | undefined => {
  const { method, pattern } = splitRoute(route);
  return (document.paths[openApiPath(pattern)] as Record<string, Described> | undefined)?.[method.toLowerCase()];
};

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    expect(document.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it("describes each path parameter by what the route's parser accepts, under the parser's description", () => {
    const param = (route: string, name: string) =>
      (described(route)?.parameters as { name: string; in: string; schema: Record<string, unknown> }[]).find((p) => p.in === "path" && p.name === name)?.schema;
    expect(param("POST /api/v1/sources/[key]/pull", "key")).toMatchObject({ type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$", description: "a data source's key" });
    expect(param("POST /api/v1/events/[type]", "type")).toMatchObject({ enum: expect.arrayContaining(["output", "review"]), description: "an event type" });
    expect(param("PATCH /api/v1/users/[id]", "id")).toMatchObject({ pattern: "^[\\w-]{1,64}$", description: "a user id" });
  });

  it("describes every route handler under app/api/v1 with a summary, and nothing else", async () => {
    const routes = await routeHandlerKeys(path.join(APP_DIR, "api", "v1"));
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((route) => !described(route)?.summary?.trim());
    expect(missing, "routes missing from lib/openapi/operations.ts or without a summary").toEqual([]);
    expect(OPERATIONS.map((o) => o.route).filter((route) => !routes.includes(route)), "operations without a route").toEqual([]);
    expect(new Set(OPERATIONS.map((o) => o.operationId)).size).toBe(OPERATIONS.length);
  });

  it("names each route's dynamic segments as its path parameters", () => {
    for (const operation of OPERATIONS) {
      const segments = [...splitRoute(operation.route).pattern.matchAll(/\[(\w+)\]/g)].map(([, name]) => name);
      const params = described(operation.route)!.parameters?.filter((p) => p.in === "path").map((p) => p.name) ?? [];
      expect(params, operation.route).toEqual(segments);
    }
  });

  it("says who may call each operation, from the rules table", () => {
    expect(described("POST /api/v1/events")!.security).toEqual([{ apiKey: ["ingest"] }]);
    expect(described("POST /api/v1/decisions")!.security).toEqual([{ apiKey: ["admin"] }, { session: ["board"] }]);
    expect(described("GET /api/v1/keys")!.security).toEqual([{ session: ["admin"] }]);
    expect(described("GET /api/v1/openapi.json")!.security).toEqual([]);
    expect(described("PUT /api/v1/workflows/[key]/checklist/[item]")!.description).toContain("an owner only for a workflow they own, named by `key`");
  });

  it("has examples the contract accepts, for every operation but those that say why they have none", () => {
    for (const operation of OPERATIONS) {
      const example = operation.example;
      expect(Boolean(example) !== Boolean(operation.withoutExample), `${operation.route}: an example, or why there is none`).toBe(true);
      if (!example) continue;
      const checks = [
        [operation.body, example.body],
        [operation.query, example.query],
      ] as const;
      for (const [schema, value] of checks) {
        expect(value === undefined, `${operation.route}: an example for each input and no other`).toBe(schema === undefined);
        if (schema) expect(schema.safeParse(value).error?.issues ?? [], operation.route).toEqual([]);
      }
      for (const [name, schema] of Object.entries(operation.params ?? {})) {
        expect(schema.safeParse(example.params?.[name]).success, `${operation.route}: example for ${name}`).toBe(true);
      }
      expect(Object.keys(operation.answers), operation.route).toContain(String(example.status));
    }
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves the document to anyone", async () => {
    const response = await GET(new Request("http://localhost/api/v1/openapi.json"), routeParams());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
