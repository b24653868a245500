import { describe, expect, it } from "vitest";
import { normalizeEvent, pseudonymizeActor, type NormalizeContext } from "./normalize";
import { anEvent } from "@/lib/testing/fixtures";

const context: NormalizeContext = {
  workflows: new Set(["ticket-triage", "crm-enrichment"]),
  cohorts: new Set(["support-pilot"]),
  allowedWorkflows: null,
  timezone: "UTC",
  actorSecret: "secret",
  now: new Date("2026-11-02T12:00:00Z"),
};

function errorsOf(event: unknown, ctx: NormalizeContext = context) {
  const result = normalizeEvent(event, 3, ctx);
  return result.ok ? [] : result.errors;
}

// Each row breaks exactly one rule of the contract and names the path the error must point at.
const invalid: [string, Record<string, unknown>, string][] = [
  ["missing id", anEvent("output", { id: undefined }), "events[3].id"],
  ["empty id", anEvent("output", { id: "" }), "events[3].id"],
  ["id over 128 chars", anEvent("output", { id: "x".repeat(129) }), "events[3].id"],
  ["unknown type", anEvent("output", { type: "click" }), "events[3].type"],
  ["missing workflow", anEvent("output", { workflow: undefined }), "events[3].workflow"],
  ["workflow not a slug", anEvent("output", { workflow: "Ticket Triage" }), "events[3].workflow"],
  ["unregistered workflow", anEvent("output", { workflow: "unknown-flow" }), "events[3].workflow"],
  ["unregistered cohort", anEvent("output", { cohort: "legal-pilot" }), "events[3].cohort"],
  ["missing taskId", anEvent("output", { taskId: undefined }), "events[3].taskId"],
  ["taskId over 128 chars", anEvent("output", { taskId: "t".repeat(129) }), "events[3].taskId"],
  ["occurredAt without offset", anEvent("output", { occurredAt: "2026-11-02T10:00:00" }), "events[3].occurredAt"],
  ["occurredAt not a timestamp", anEvent("output", { occurredAt: "yesterday" }), "events[3].occurredAt"],
  ["occurredAt as a number", anEvent("output", { occurredAt: 1793613600000 }), "events[3].occurredAt"],
  ["occurredAt over 5 minutes ahead", anEvent("output", { occurredAt: "2026-11-02T12:05:01Z" }), "events[3].occurredAt"],
  ["occurredAt before 2000", anEvent("output", { occurredAt: "1970-01-01T00:00:00Z" }), "events[3].occurredAt"],
  ["actor empty", anEvent("output", { actor: "" }), "events[3].actor"],
  ["agentVersion over 64 chars", anEvent("output", { agentVersion: "v".repeat(65) }), "events[3].agentVersion"],
  ["properties not an object", anEvent("output", { properties: [1, 2] }), "events[3].properties"],
  ["properties over 8 KB", anEvent("output", { properties: { note: "x".repeat(8200) } }), "events[3].properties"],
  ["output without outputKind", anEvent("output", { outputKind: undefined }), "events[3].outputKind"],
  ["unknown outputKind", anEvent("output", { outputKind: "essay" }), "events[3].outputKind"],
  ["review without verdict", anEvent("review", { verdict: undefined }), "events[3].verdict"],
  ["unknown verdict", anEvent("review", { verdict: "meh" }), "events[3].verdict"],
  ["unknown errorCategory", anEvent("review", { errorCategory: "typo" }), "events[3].errorCategory"],
  ["escalation reason over 500 chars", anEvent("escalation", { reason: "r".repeat(501) }), "events[3].reason"],
  ["completion without mode", anEvent("completion", { mode: undefined }), "events[3].mode"],
  ["completion unknown mode", anEvent("completion", { mode: "hybrid" }), "events[3].mode"],
  ["completion negative duration", anEvent("completion", { durationMs: -1 }), "events[3].durationMs"],
  ["completion fractional duration", anEvent("completion", { durationMs: 1.5 }), "events[3].durationMs"],
  ["completion duration as string", anEvent("completion", { durationMs: "1000" }), "events[3].durationMs"],
  ["incident without category", anEvent("incident", { category: undefined }), "events[3].category"],
  ["incident unknown category", anEvent("incident", { category: "fire" }), "events[3].category"],
  ["incident severity 4", anEvent("incident", { severity: 4 }), "events[3].severity"],
  ["a field of another type", anEvent("output", { verdict: "accepted" }), "events[3].verdict"],
  ["an unknown field", anEvent("output", { colour: "blue" }), "events[3].colour"],
  ["a prototype-pollution key", JSON.parse(`{"__proto__": {"admin": true}, ${JSON.stringify(anEvent("output")).slice(1)}`), "events[3].__proto__"],
  // Text a database cannot store exactly: Postgres refuses NUL (a 500), and both databases turn a lone surrogate
  // into U+FFFD, which merged distinct ids into one (a silently dropped "duplicate").
  ["id with a NUL character", anEvent("output", { id: "evt\u0000x" }), "events[3].id"],
  ["id with a lone surrogate", anEvent("output", { id: "evt-\ud800" }), "events[3].id"],
  ["taskId with a NUL character", anEvent("output", { taskId: "\u0000" }), "events[3].taskId"],
  ["actor with a lone surrogate", anEvent("output", { actor: "\udfffbob" }), "events[3].actor"],
  ["agentVersion with a NUL character", anEvent("output", { agentVersion: "1.0\u0000" }), "events[3].agentVersion"],
  ["escalation reason with a NUL character", anEvent("escalation", { reason: "why\u0000" }), "events[3].reason"],
  // JSON.parse makes "__proto__" an own key; copying properties dropped it silently instead of storing it.
  ["properties with a __proto__ key", anEvent("output", { properties: JSON.parse('{"__proto__": {"admin": true}, "a": 1}') }), "events[3].properties"],
  ["properties with a nested __proto__ key", anEvent("output", { properties: JSON.parse('{"a": [{"__proto__": {"admin": true}}]}') }), "events[3].properties"],
  // Measuring these as JSON overflowed the stack: the whole batch failed with a 500.
  ["properties nested 100,000 deep", anEvent("output", { properties: JSON.parse(`{"deep": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`) }), "events[3].properties"],
  ["properties nested 65 deep", anEvent("output", { properties: JSON.parse(`{"deep": ${"[".repeat(64)}${"]".repeat(64)}}`) }), "events[3].properties"],
];

describe("normalizeEvent rejects", () => {
  it.each(invalid)("%s", (_rule, event, path) => {
    const errors = errorsOf(event);
    expect(errors.map((e) => e.path)).toContain(path);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it("an item that is not an object", () => {
    expect(errorsOf("not an event")).not.toHaveLength(0);
    expect(errorsOf(null)).not.toHaveLength(0);
  });

  it("a workflow outside the key's workflows", () => {
    const restricted = { ...context, allowedWorkflows: new Set(["crm-enrichment"]) };
    const errors = errorsOf(anEvent("output"), restricted);
    expect(errors).toEqual([{ path: "events[3].workflow", message: expect.stringContaining("may not send events") }]);
  });
});

describe("normalizeEvent accepts", () => {
  it.each(["output", "review", "escalation", "completion", "incident"] as const)("a valid %s event", (type) => {
    expect(normalizeEvent(anEvent(type), 0, context).ok).toBe(true);
  });

  it("properties as sent: keys such as constructor and prototype, text a database stores as JSON escapes, 64 levels deep", () => {
    const properties = JSON.parse(`{"constructor": {"prototype": {"x": 1}}, "toString": "=1+1", "nul": "a\\u0000b", "lone": "\\ud800", "deep": ${"[".repeat(63)}${"]".repeat(63)}}`);
    const result = normalizeEvent(anEvent("output", { properties }), 0, context);
    expect(result.ok && result.event.properties).toBe(JSON.stringify(properties));
    expect(result.ok && JSON.parse(result.event.properties!)).toEqual(properties);
  });

  it("a timestamp exactly 5 minutes ahead and offsets other than Z", () => {
    expect(errorsOf(anEvent("output", { occurredAt: "2026-11-02T12:05:00Z" }))).toEqual([]);
    expect(errorsOf(anEvent("output", { occurredAt: "2026-11-02T13:00:00+02:00" }))).toEqual([]);
  });

  it("stores the local day of the installation timezone", () => {
    // 23:30 on Sunday 1 November in New York is already Monday in UTC.
    const event = anEvent("output", { occurredAt: "2026-11-02T04:30:00Z" });
    const ny = normalizeEvent(event, 0, { ...context, timezone: "America/New_York" });
    const utc = normalizeEvent(event, 0, context);
    expect(ny.ok && ny.event.day).toBe("2026-11-01");
    expect(utc.ok && utc.event.day).toBe("2026-11-02");
  });

  it("replaces the actor with its keyed hash", () => {
    const result = normalizeEvent(anEvent("output", { actor: "alice@example.com" }), 0, context);
    expect(result.ok && result.event.actor).toBe(pseudonymizeActor("alice@example.com", "secret"));
    expect(result.ok && result.event.actor).not.toContain("alice");
    expect(pseudonymizeActor("alice@example.com", "other-secret")).not.toBe(pseudonymizeActor("alice@example.com", "secret"));
  });
});
