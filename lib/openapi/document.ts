// The OpenAPI 3.1 description of the API, built from the operation table and the very zod schemas the routes
// validate with (zod's own JSON Schema output), and from the rules table for who may call what.
import { z } from "zod";
import { RULES, type Access } from "@/lib/auth/rules";
import { CSRF_HEADER, SESSION_COOKIE } from "@/lib/auth/sessions";
import { MAX_PROPERTIES_BYTES } from "@/lib/contract/event";
import { errorBody } from "@/lib/contract/responses/common";
import { pathParamAccepts } from "@/lib/contract/params";
import { OPERATIONS, type Operation } from "./operations";

export type JsonSchema = Record<string, unknown>;

/** The API's version: the /api/v1 of its paths. */
export const API_VERSION = "1.0.0";

/**
 * The wire form of a schema: what a request may send and what an answer holds (a codec's input side: an instant is
 * an ISO 8601 string). Refinements beyond JSON Schema (a window's length, a "__proto__" key) are checked by the
 * server and named in its 400 answer.
 */
export function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema: out }) => {
      // The event's free-form properties (a z.custom): any JSON object up to the size limit.
      if (zodSchema._zod.def.type === "custom") Object.assign(out, { type: "object", description: `Any JSON object, at most ${MAX_PROPERTIES_BYTES / 1024} KB.` });
      // A path parameter (lib/contract/params.ts): what it accepts, under its description.
      const accepts = pathParamAccepts.get(zodSchema);
      if (accepts) {
        const { description } = out;
        for (const key of Object.keys(out)) delete out[key];
        Object.assign(out, jsonSchema(accepts), { description });
      }
    },
  });
  return rest;
}

/** "/api/v1/keys/[name]" → "/api/v1/keys/{name}". */
export const openApiPath = (pattern: string) => pattern.replace(/\[(\w+)\]/g, "{$1}");

export function splitRoute(route: string): { method: string; pattern: string } {
  const [method, pattern] = route.split(" ") as [string, string];
  return { method, pattern };
}

export function accessOf(operation: Operation): Access {
  const access = RULES[operation.route];
  if (!access) throw new Error(`${operation.route} has no rule in lib/auth/rules.ts`);
  return access;
}

/** Who may call it, in words. */
export function accessSentence(access: Access): string {
  if ("public" in access) return "No sign-in needed.";
  const ways: string[] = [];
  if (access.key) ways.push(`an API key with the \`${access.key}\` scope`);
  if (access.roles) {
    const owner = access.ownerOf ? ` (an owner only for a workflow they own, named by \`${access.ownerOf}\`)` : "";
    ways.push(`a signed-in user with the role ${access.roles.map((r) => `\`${r}\``).join(" or ")}${owner}`);
  }
  if (access.signedIn) ways.push("any signed-in user");
  return `Access: ${ways.join(", or ")}.`;
}

/** OpenAPI 3.1 lets a security requirement list the roles (here: the key's scope, the user's roles) it needs. */
function security(access: Access): Record<string, string[]>[] {
  if ("public" in access) return [];
  return [
    ...(access.key ? [{ apiKey: [access.key] }] : []),
    ...(access.roles ? [{ session: [...access.roles] }] : []),
    ...(access.signedIn ? [{ session: [] }] : []),
  ];
}

const pascal = (id: string) => id[0]!.toUpperCase() + id.slice(1);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorAnswer = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: ref("Error") } },
});

function parameters(operation: Operation): unknown[] {
  const example = operation.example;
  const path = Object.entries(operation.params ?? {}).map(([name, schema]) => ({
    name,
    in: "path",
    required: true,
    schema: jsonSchema(schema),
    ...(example?.params?.[name] ? { example: example.params[name] } : {}),
  }));
  if (!operation.query) return path;
  const query = jsonSchema(operation.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return [
    ...path,
    ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({
      name,
      in: "query",
      required: query.required?.includes(name) ?? false,
      schema,
      ...(example?.query?.[name] ? { example: example.query[name] } : {}),
    })),
  ];
}

function describeOperation(operation: Operation, schemas: Record<string, JsonSchema>) {
  const access = accessOf(operation);
  const name = pascal(operation.operationId);
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(operation.answers)) {
    const content: Record<string, unknown> = {};
    if (answer.schema) {
      schemas[`${name}Response`] = jsonSchema(answer.schema);
      content["application/json"] = { schema: ref(`${name}Response`) };
    }
    for (const type of answer.files ?? []) content[type] ??= { schema: type === "application/json" ? { type: "object" } : { type: "string", contentMediaType: type } };
    responses[status] = { description: answer.description, content };
  }
  if (operation.params || operation.query || operation.body) responses[400] = errorAnswer("The input does not match the contract: `error.errors` names each field.");
  if (!("public" in access)) {
    responses[401] = errorAnswer("No credential, or an unknown or revoked API key.");
    responses[403] = errorAnswer("The credential may not do this (scope, role or workflow), or a browser request without its CSRF token.");
  }
  for (const [status, description] of Object.entries(operation.refusals ?? {})) responses[status] = errorAnswer(description);
  if (operation.body || operation.upload) responses[413] = errorAnswer("The request body is larger than this operation takes.");
  if (!("public" in access) && access.key === "ingest") {
    responses[429] = errorAnswer("Too many requests for this API key: wait for `Retry-After` seconds.", {
      "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer", minimum: 1 } },
    });
  }
  if (operation.body) schemas[`${name}Request`] = jsonSchema(operation.body);
  const params = parameters(operation);
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: [operation.description, accessSentence(access)].filter(Boolean).join("\n\n"),
    tags: [operation.tag],
    security: security(access),
    "x-tollgate-rule": operation.route,
    ...(params.length ? { parameters: params } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref(`${name}Request`), ...(operation.example?.body ? { example: operation.example.body } : {}) } },
          },
        }
      : {}),
    ...(operation.upload
      ? {
          requestBody: {
            required: true,
            description: `${operation.upload.description} At most ${Math.round(operation.upload.maxBytes / 1024 / 1024)} MB.`,
            content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } },
          },
        }
      : {}),
    responses,
  };
}

const DESCRIPTION = `Tollgate turns the events your AI agents report into rollout evidence (precision, correction, escalation,
cycle time) and go / hold / no-go scorecards.

**Authentication.** Machines send an API key as \`Authorization: Bearer <key>\`; the key's scopes (\`ingest\`, \`read\`,
\`admin\`) decide what it may call. The dashboard signs people in with a session cookie; a browser's state changes
also carry the \`${CSRF_HEADER}\` header. Each operation says which it takes.

**Errors.** Every 4xx and 5xx answer has the body \`{ "error": { "code", "message", "errors"?: [{ "path", "message" }] } }\`;
\`errors\` names each field of the input in error.

**Events.** An event's \`id\` is unique per workflow: send a retry with the same ids and nothing is counted twice.`;

export function openApiDocument() {
  const schemas: Record<string, JsonSchema> = { Error: jsonSchema(errorBody) };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    const { method, pattern } = splitRoute(operation.route);
    (paths[openApiPath(pattern)] ??= {})[method.toLowerCase()] = describeOperation(operation, schemas);
  }
  return {
    openapi: "3.1.0",
    info: { title: "Tollgate API", version: API_VERSION, description: DESCRIPTION },
    // Relative to where the document is served: the API is on the same host.
    servers: [{ url: "/" }],
    tags: [
      { name: "Events", description: "What agents report: outputs, reviews, escalations, completions, incidents." },
      { name: "Reports", description: "Metrics of workflows and cohorts over a window." },
      { name: "Scorecards", description: "Gate verdicts, readiness checklists, steering-board decisions, the weekly export." },
      { name: "Review", description: "The review queue: a random sample of each rollout's outputs, judged by people." },
      { name: "Program", description: "Workflows, cohorts, rollouts and gate templates as code." },
      { name: "Administration", description: "API keys, users, the audit trail, retention and legal holds." },
      { name: "Reference", description: "This description." },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key (`tollgate keys create`, or the API keys page). Its scopes are listed in each operation's requirement." },
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: `The dashboard's session; state changes also need the \`${CSRF_HEADER}\` header.` },
      },
    },
  };
}
