// The Power Platform custom connector (connectors/power-platform/): the actions a maker looks for by name, as the
// Swagger 2.0 definition the connector tooling requires, converted from the same operation table and zod schemas
// as the OpenAPI document. `npm run connector` writes it; a test checks that the committed files are these.
import type { z } from "zod";
import { completionEvent, escalationEvent, MAX_BATCH_EVENTS, outputEvent, reviewEvent } from "@/lib/contract/event";
import { API_VERSION, jsonSchema, splitRoute, type JsonSchema } from "./document";
import { OPERATIONS, type Operation } from "./operations";

interface Action {
  operationId: string;
  summary: string;
  description: string;
  /** The operation of the table it calls. */
  operation: string;
  /** The value of each path parameter (the single-event actions fix the event's type). */
  params?: Record<string, string>;
  /** The body a maker fills in, when it is narrower than the operation's. */
  body?: z.ZodType;
}

const single = (type: string, schema: z.ZodObject, what: string): Action => ({
  operationId: `Report${type[0]!.toUpperCase()}${type.slice(1)}`,
  summary: `Report ${what}`,
  description: `Sends one ${type} event (through the events endpoint); sending the same id for the workflow again changes nothing.`,
  operation: "sendEvent",
  params: { type },
  body: schema.omit({ type: true }),
});

export const CONNECTOR_ACTIONS: readonly Action[] = [
  { operationId: "SendEvents", summary: "Send events", description: `Sends up to ${MAX_BATCH_EVENTS.toLocaleString("en-US")} events at once; the answer lists the rejected ones.`, operation: "sendEvents" },
  single("output", outputEvent, "an output"),
  single("review", reviewEvent, "a review"),
  single("escalation", escalationEvent, "an escalation"),
  single("completion", completionEvent, "a completion"),
  { operationId: "GetScorecard", summary: "Get a scorecard", description: "A rollout's go / hold / no-go verdict with its reasons.", operation: "getScorecard" },
];

const operationNamed = (id: string): Operation => {
  const operation = OPERATIONS.find((o) => o.operationId === id);
  if (!operation) throw new Error(`no operation ${id} in lib/openapi/operations.ts`);
  return operation;
};

/** What a maker needs to know of the event's common fields (the contract's schemas say the rest). */
const FIELD_HELP: Record<string, string> = {
  id: "Unique per workflow: reuse it when you retry, and the event is counted once.",
  taskId: "The task (ticket, request, document) the event belongs to; a task's events share it.",
  occurredAt: "When it happened, e.g. utcNow() in Power Automate.",
  actor: "Who the agent acted for (pseudonymised by Tollgate).",
};

/** "agentVersion" → "Agent version", for the maker's form. */
const words = (name: string) => {
  const spaced = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().replace(/\bid\b/g, "ID").replace(/\bms\b/g, "(ms)");
  return spaced[0]!.toUpperCase() + spaced.slice(1);
};

/**
 * JSON Schema 2020-12 → the Swagger 2.0 subset: a nullable type becomes x-nullable, a const an enum, a union of
 * objects one object (the variants' fields, required where all require them), and a regular expression that only
 * restates a format goes. Fields get x-ms-summary and x-ms-visibility (required ones important, the rest advanced).
 */
export function swagger2Schema(schema: JsonSchema): JsonSchema {
  const { $schema: _s, oneOf, anyOf, const: constant, type, properties, items, exclusiveMinimum, contentMediaType: _c, propertyNames: _p, ...rest } = schema as Record<string, unknown>;
  const out: JsonSchema = { ...rest };
  const variants = (oneOf ?? anyOf) as JsonSchema[] | undefined;
  if (variants) return swagger2Schema(mergeVariants(variants));
  if (Array.isArray(type)) {
    const [real] = type.filter((t) => t !== "null");
    if (real) out.type = real;
    if (type.includes("null")) out["x-nullable"] = true;
  } else if (type !== undefined) out.type = type;
  if (constant !== undefined) out.enum = [constant];
  if (typeof exclusiveMinimum === "number") Object.assign(out, { minimum: exclusiveMinimum, exclusiveMinimum: true });
  if (out.format) delete out.pattern;
  if (items) out.items = swagger2Schema(items as JsonSchema);
  if (Array.isArray(out.required) && out.required.length === 0) delete out.required;
  if (properties) {
    const needed = new Set((schema.required as string[] | undefined) ?? []);
    out.properties = Object.fromEntries(
      Object.entries(properties as Record<string, JsonSchema>).map(([name, property]) => [
        name,
        {
          ...(FIELD_HELP[name] ? { description: FIELD_HELP[name] } : {}),
          ...swagger2Schema(property),
          "x-ms-summary": words(name),
          "x-ms-visibility": needed.has(name) ? "important" : "advanced",
        },
      ]),
    );
  }
  return out;
}

function mergeVariants(variants: JsonSchema[]): JsonSchema {
  const resolved = variants.flatMap((v) => ((v.anyOf ?? v.oneOf) as JsonSchema[] | undefined) ?? [v]).filter((v) => v.type !== "null");
  if (resolved.length === 1) return resolved[0]!;
  if (resolved.every((v) => v.const !== undefined)) return { type: resolved[0]!.type, enum: resolved.map((v) => v.const) };
  const properties: Record<string, JsonSchema> = {};
  for (const variant of resolved) {
    for (const [name, property] of Object.entries((variant.properties as Record<string, JsonSchema>) ?? {})) {
      const known = properties[name];
      if (known?.enum && (property.enum || property.const !== undefined)) known.enum = [...new Set([...(known.enum as unknown[]), ...((property.enum as unknown[]) ?? [property.const])])];
      else properties[name] ??= property.const !== undefined ? { type: property.type, enum: [property.const] } : property;
    }
  }
  const required = resolved.map((v) => (v.required as string[]) ?? []).reduce((all, r) => all.filter((name) => r.includes(name)));
  return { type: "object", properties, required };
}

function parameters(operation: Operation, fixed: Record<string, string>): JsonSchema[] {
  if (!operation.query) return [];
  const query = jsonSchema(operation.query) as { properties: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(query.properties)
    .filter(([name]) => !(name in fixed))
    .map(([name, property]) => {
      const required = query.required?.includes(name) ?? false;
      const { description, ...schema } = swagger2Schema(property);
      return { name, in: "query", required, ...schema, "x-ms-summary": words(name), "x-ms-visibility": required ? "important" : "advanced", ...(description ? { description } : {}) };
    });
}

export function connectorDefinition() {
  const paths: Record<string, Record<string, unknown>> = {};
  const definitions: Record<string, JsonSchema> = {};
  for (const action of CONNECTOR_ACTIONS) {
    const operation = operationNamed(action.operation);
    const { method, pattern } = splitRoute(operation.route);
    const path = pattern.replace(/\[(\w+)\]/g, (_, name: string) => action.params![name]!);
    const body = action.body ?? operation.body;
    const answer = operation.answers[200] ?? operation.answers[201]!;
    definitions[`${action.operationId}Response`] = swagger2Schema(jsonSchema(answer.schema!));
    const bodyParameter = body ? [{ name: "body", in: "body", required: true, schema: swagger2Schema(jsonSchema(body)), "x-ms-summary": action.body ? "Event" : "Events" }] : [];
    paths[path] = {
      [method.toLowerCase()]: {
        operationId: action.operationId,
        summary: action.summary,
        description: action.description,
        "x-ms-visibility": "important",
        parameters: [...bodyParameter, ...parameters(operation, action.params ?? {})],
        responses: {
          [Object.keys(operation.answers)[0]!]: { description: answer.description, schema: { $ref: `#/definitions/${action.operationId}Response` } },
          default: { description: "A refusal: `error.message` says why, `error.errors` names each field." },
        },
      },
    };
  }
  return {
    swagger: "2.0",
    info: {
      title: "Tollgate",
      description: "Report what your agent did (outputs, reviews, escalations, completions) and read rollout scorecards.",
      version: API_VERSION,
      contact: { name: "Tollgate" },
    },
    // The connection's host parameter replaces this (apiProperties.json: dynamichosturl).
    host: "tollgate.example.com",
    basePath: "/",
    schemes: ["https"],
    consumes: ["application/json"],
    produces: ["application/json"],
    paths,
    definitions,
    securityDefinitions: { api_key: { type: "apiKey", in: "header", name: "Authorization" } },
    security: [{ api_key: [] }],
  };
}

/** The connection: the host and an API key, sent as `Authorization: Bearer <key>`. */
export function connectorProperties() {
  return {
    properties: {
      connectionParameters: {
        host: {
          type: "string",
          uiDefinition: {
            displayName: "Tollgate host",
            description: "Your Tollgate's host name, e.g. tollgate.contoso.com (HTTPS).",
            tooltip: "The host name only: no https:// and no path.",
            constraints: { required: "true" },
          },
        },
        api_key: {
          type: "securestring",
          uiDefinition: {
            displayName: "API key",
            description: "A Tollgate API key (tg_…) with the ingest scope (and read, for Get a scorecard).",
            tooltip: "Create one on Tollgate's API keys page or with `tollgate keys create`.",
            constraints: { tabIndex: 2, clearText: false, required: "true" },
          },
        },
      },
      iconBrandColor: "#2f5bd3",
      capabilities: [],
      publisher: "Tollgate",
      stackOwner: "Tollgate",
      policyTemplateInstances: [
        {
          templateId: "dynamichosturl",
          title: "Host from the connection",
          parameters: { "x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('host')" },
        },
        {
          templateId: "setheader",
          title: "API key as a bearer token",
          parameters: {
            "x-ms-apimTemplateParameter.name": "Authorization",
            "x-ms-apimTemplateParameter.value": "Bearer @connectionParameters('api_key')",
            "x-ms-apimTemplateParameter.existsAction": "override",
            "x-ms-apimTemplate-policySection": "Request",
          },
        },
      ],
    },
  };
}
