// The Power Platform connector: a valid Swagger 2.0 definition (checked by a maintained validator) whose actions
// are the server's routes with the contract's fields, committed exactly as `npm run connector` writes it.
import fs from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { CONNECTOR_FILES, connectorText } from "@/connectors/power-platform/generate";
import { RULES } from "@/lib/auth/rules";
import { eventSchema } from "@/lib/contract/event";
import { scorecardQuery } from "@/lib/contract/scorecard";
import { connectorDefinition, swagger2Schema } from "./connector";
import { jsonSchema } from "./document";

type Parameter = { name: string; in: string; required?: boolean; schema?: { properties: Record<string, unknown>; required?: string[] } };
type Action = { operationId: string; summary: string; parameters: Parameter[] };

const definition = connectorDefinition();
const actions = Object.entries(definition.paths).flatMap(([route, methods]) =>
  Object.entries(methods as Record<string, Action>).map(([method, action]) => ({ route, method: method.toUpperCase(), ...action })),
);
const action = (summary: string) => actions.find((a) => a.summary === summary)!;
const bodyOf = (summary: string) => action(summary).parameters.find((p) => p.in === "body")!.schema!;

describe("the Power Platform connector", () => {
  it("is a valid Swagger 2.0 definition", async () => {
    await expect(SwaggerParser.validate(structuredClone(definition) as never)).resolves.toBeTruthy();
  });

  it("has the actions a maker looks for, each a route of the server", () => {
    expect(actions.map((a) => a.summary)).toEqual(["Send events", "Report an output", "Report a review", "Report an escalation", "Report a completion", "Get a scorecard"]);
    const served = Object.keys(RULES).map((rule) => new RegExp(`^${rule.replace(/\[\w+\]/g, "[^/]+")}$`));
    for (const a of actions) expect(served.some((rule) => rule.test(`${a.method} ${a.route}`)), `${a.method} ${a.route}`).toBe(true);
  });

  it("asks for the contract's fields: the single-event actions without the type their path names", () => {
    const review = bodyOf("Report a review");
    const variant = jsonSchema(eventSchema.options.find((o) => o.shape.type.value === "review")!) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(review.properties).sort()).toEqual(Object.keys(variant.properties).filter((name) => name !== "type").sort());
    expect(review.required).toEqual(variant.required.filter((name) => name !== "type"));
    expect(review.properties.verdict).toMatchObject({ enum: ["accepted", "light_edit", "heavy_edit", "rejected"], "x-ms-summary": "Verdict", "x-ms-visibility": "important" });
    expect(review.properties.agentVersion).toMatchObject({ "x-ms-summary": "Agent version", "x-ms-visibility": "advanced" });
    expect(action("Report a review").route).toBe("/api/v1/events/review");

    // The batch's events are one object with every type's fields (Swagger 2.0 has no oneOf), required where all require them.
    const item = (bodyOf("Send events").properties.events as { items: { properties: Record<string, { enum?: unknown[] }>; required: string[] } }).items;
    expect(item.properties.type!.enum).toEqual(["output", "review", "escalation", "completion", "incident", "feedback"]);
    expect(item.required).toEqual(["id", "workflow", "cohort", "taskId", "occurredAt", "type"]);

    const query = action("Get a scorecard").parameters.map((p) => [p.name, p.required]);
    const contract = jsonSchema(scorecardQuery) as { properties: Record<string, unknown>; required: string[] };
    expect(query).toEqual(Object.keys(contract.properties).map((name) => [name, contract.required.includes(name)]));
  });

  it("writes nullable types and constants as Swagger 2.0 has them", () => {
    expect(swagger2Schema({ type: ["string", "null"], format: "date-time", pattern: "^…$" })).toEqual({ type: "string", format: "date-time", "x-nullable": true });
    expect(swagger2Schema({ anyOf: [{ type: "integer" }, { type: "null" }] })).toEqual({ type: "integer" });
    expect(swagger2Schema({ const: "sketch", type: "string" })).toEqual({ type: "string", enum: ["sketch"] });
    expect(swagger2Schema({ type: "integer", exclusiveMinimum: 0 })).toEqual({ type: "integer", minimum: 0, exclusiveMinimum: true });
  });

  it("is committed as `npm run connector` writes it", () => {
    for (const [name, build] of Object.entries(CONNECTOR_FILES)) {
      const committed = fs.readFileSync(path.join(import.meta.dirname, "..", "..", "connectors", "power-platform", name), "utf8");
      expect(committed === connectorText(build), `connectors/power-platform/${name} is stale: run npm run connector`).toBe(true);
    }
  });
});
