import { describe, expect, it } from "vitest";
import { checklistItemParams, keyParams, userParams, workflowParams } from "@/lib/contract/params";
import { ApiError } from "@/lib/errors";
import { parseParams } from "./parse";

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, message: error.message, errors: error.errors };
    throw error;
  }
  throw new Error("expected the parameters to be refused");
}

describe("parseParams", () => {
  it("hands a route its parameters as the contract reads them", () => {
    expect(parseParams({ key: "ticket-triage", item: "audit_logging" }, checklistItemParams)).toEqual({ key: "ticket-triage", item: "audit_logging" });
    expect(parseParams({ name: " ticket-agent " }, keyParams)).toEqual({ name: "ticket-agent" });
    expect(parseParams({ id: "0b5c7f0e-1d2a-4c3b-9e8f-7a6b5c4d3e2f" }, userParams)).toEqual({ id: "0b5c7f0e-1d2a-4c3b-9e8f-7a6b5c4d3e2f" });
  });

  it.each([
    ["a workflow key with a NUL", { workflow: "ticket\u0000triage" }, workflowParams, '"ticket\u0000triage" is not a workflow key', [{ path: "workflow", message: "must be a workflow key (a slug)" }]],
    ["a key name with a space inside", { name: "bad name" }, keyParams, '"bad name" is not a key name', [{ path: "name", message: "may hold letters, digits, . _ @ and -" }]],
    ["an empty key name", { name: "  " }, keyParams, '"  " is not a key name', [{ path: "name", message: "may hold letters, digits, . _ @ and -" }]],
    ["a user id with a slash", { id: "a/b" }, userParams, '"a/b" is not a user id', [{ path: "id", message: "must be a user id" }]],
    [
      "an unknown checklist item",
      { key: "ticket-triage", item: "vibes" },
      checklistItemParams,
      '"vibes" is not a checklist item',
      [{ path: "item", message: "must be one of identity, tenant_controls, audit_logging, human_approval, metrics, retention" }],
    ],
  ] as const)("refuses %s with a 400 naming the parameter", (_case, params, schema, message, errors) => {
    expect(refusal(() => parseParams(params, schema))).toEqual({ status: 400, message, errors });
  });

  it("names every bad parameter and quotes the first, at most 100 characters of it", () => {
    const refused = refusal(() => parseParams({ key: "X".repeat(500), item: "vibes" }, checklistItemParams));
    expect(refused.message).toBe(`"${"X".repeat(100)}" is not a workflow key`);
    expect(refused.errors?.map((e) => e.path)).toEqual(["key", "item"]);
  });
});
