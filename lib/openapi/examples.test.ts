// The document's examples are real: each is sent, in the table's order, to a real server holding the demo program,
// and its answer must have the example's status and match the response schema the document gives for it (checked
// with Ajv, a maintained JSON Schema validator). Refusals are checked against the documented error shape too.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { startLiveServer, type LiveServer } from "@/lib/testing/liveServer";
import { testActor } from "@/lib/testing/fixtures";
import { signedInUser, type TestSession } from "@/lib/testing/sessions";
import { applyProgram } from "@/lib/program/applyProgram";
import { demoProgram } from "@/lib/demo/program";
import { createApiKey } from "@/lib/auth/keys";
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from "@/lib/auth/sessions";
import { SCOPES, type Scope } from "@/lib/contract/vocabulary";
import { MAX_BODY_BYTES } from "@/lib/contract/event";
import { accessOf, openApiDocument, openApiPath, splitRoute, type JsonSchema } from "./document";
import { OPERATIONS, type Operation } from "./operations";

const document = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

/** The JSON schema the document gives for an operation's answer with this status. */
function documentedSchema(operation: Operation, status: number): ValidateFunction | null {
  const { method, pattern } = splitRoute(operation.route);
  const described = (document.paths[openApiPath(pattern)] as Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> }>)[method.toLowerCase()]!;
  const json = described.responses[status]?.content?.["application/json"]?.schema;
  if (!json?.$ref) return null;
  const name = json.$ref.replace("#/components/schemas/", "");
  if (!validators.has(name)) validators.set(name, ajv.compile((document.components.schemas as Record<string, JsonSchema>)[name]!));
  return validators.get(name)!;
}

function expectMatches(validate: ValidateFunction, body: unknown, what: string) {
  const valid = validate(body);
  expect(valid ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`), what).toEqual([]);
}

describeEachDatabase("the document's examples against a real server", (database) => {
  let server: LiveServer;
  let session: TestSession;
  const keys = {} as Record<Scope, string>;

  beforeAll(async () => {
    const db = database();
    await applyProgram(db, demoProgram, testActor);
    session = await signedInUser(db, ["admin", "board"]);
    for (const scope of SCOPES) keys[scope] = (await createApiKey(db, { name: `examples-${scope}`, scopes: [scope] }, testActor)).secret;
    server = await startLiveServer(db);
  }, 20 * 60_000);
  afterAll(() => server?.stop());

  /** Sends a request as the operation's rule lets in: its key scope when it has one, else the signed-in admin and board member. */
  function send(operation: Operation, input: { params?: Record<string, string>; query?: Record<string, string>; body?: string }, credential = true) {
    const access = accessOf(operation);
    const { method, pattern } = splitRoute(operation.route);
    const path = pattern.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(input.params?.[name] ?? ""));
    const headers: Record<string, string> = { origin: server.baseUrl };
    if (input.body !== undefined) headers["content-type"] = "application/json";
    if (credential && !("public" in access)) {
      if (access.key) headers.authorization = `Bearer ${keys[access.key]}`;
      else Object.assign(headers, { cookie: `${SESSION_COOKIE}=${session.token}; ${CSRF_COOKIE}=${session.csrfToken}`, [CSRF_HEADER]: session.csrfToken });
    }
    const query = input.query ? `?${new URLSearchParams(input.query)}` : "";
    return fetch(`${server.baseUrl}${path}${query}`, { method, headers, body: input.body });
  }

  it("answers each example with its status and the documented body", async () => {
    for (const operation of OPERATIONS) {
      const example = operation.example;
      if (!example) continue;
      const response = await send(operation, { ...example, body: example.body === undefined ? undefined : JSON.stringify(example.body) });
      const text = await response.text();
      expect(response.status, `${operation.route}: ${text.slice(0, 500)}`).toBe(example.status);
      const validate = documentedSchema(operation, example.status);
      if (validate) {
        expect(response.headers.get("content-type"), operation.route).toMatch(/^application\/json/);
        expectMatches(validate, JSON.parse(text), operation.route);
      } else {
        const types = operation.answers[example.status]!.files!;
        expect(types.some((type) => response.headers.get("content-type")?.startsWith(type)), `${operation.route}: ${response.headers.get("content-type")}`).toBe(true);
      }
    }
  });

  it("refuses as documented: the error shape, 401 without a credential, 207 for rejected events, 413 past the limit, 400 for one bad event", async () => {
    const error = ajv.compile((document.components.schemas as Record<string, JsonSchema>).Error!);
    for (const operation of OPERATIONS.filter((o) => !("public" in accessOf(o)) && o.example)) {
      const response = await send(operation, { ...operation.example, body: operation.body ? "{}" : undefined }, false);
      expect(response.status, operation.route).toBe(401);
      expectMatches(error, await response.json(), operation.route);
    }
    const sendEvents = OPERATIONS.find((o) => o.operationId === "sendEvents")!;
    const batch = { events: [{ id: "bad-1", type: "output", workflow: "ticket-triage" }] };
    const partial = await send(sendEvents, { body: JSON.stringify(batch) });
    expect(partial.status).toBe(207);
    expectMatches(documentedSchema(sendEvents, 207)!, await partial.json(), "207");
    const tooLarge = await send(sendEvents, { body: JSON.stringify({ events: ["x".repeat(MAX_BODY_BYTES)] }) });
    expect(tooLarge.status).toBe(413);
    expectMatches(error, await tooLarge.json(), "413");
    const invalid = await send(sendEvents, { body: JSON.stringify({ events: [] }) });
    expect(invalid.status).toBe(400);
    expectMatches(error, await invalid.json(), "400");

    // One event alone: a rejection is a 400 naming the event's own fields, an unknown type names the path's.
    const sendEvent = OPERATIONS.find((o) => o.operationId === "sendEvent")!;
    const { verdict: _verdict, ...withoutVerdict } = sendEvent.example!.body as Record<string, unknown>;
    const rejected = await send(sendEvent, { params: { type: "review" }, body: JSON.stringify(withoutVerdict) });
    expect(rejected.status).toBe(400);
    expect(((await rejected.json()) as { error: { errors: unknown[] } }).error.errors).toEqual([{ path: "verdict", message: expect.any(String) }]);
    const unknownType = await send(sendEvent, { params: { type: "survey" }, body: JSON.stringify(withoutVerdict) });
    expect(unknownType.status).toBe(400);
    expect(((await unknownType.json()) as { error: { errors: unknown[] } }).error.errors).toEqual([{ path: "type", message: expect.stringContaining("output") }]);
  });
});
