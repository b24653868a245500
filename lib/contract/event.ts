// The ingestion contract: one event and the batch envelope. Everything an agent may send is defined here.
import { z } from "zod";
import {
  COMPLETION_MODES,
  ERROR_CATEGORIES,
  OUTPUT_KINDS,
  RATINGS,
  VERDICTS,
} from "./vocabulary";
import { slug, storableText } from "./common";
import { outputContent } from "./review";

export const MAX_BATCH_EVENTS = 1000;
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const MAX_PROPERTIES_BYTES = 8 * 1024;
/** How far in the future an event may claim to have happened (clock skew between agents and Tollgate). */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
/** Events before this are certainly a bug in the sender (a zero timestamp, seconds read as milliseconds). */
export const EARLIEST_EVENT = new Date("2000-01-01T00:00:00Z");

/** Deeper nesting is refused: measuring it as JSON would overflow the stack, and no agent needs it. */
export const MAX_PROPERTIES_DEPTH = 64;

/**
 * Why a properties object cannot be stored as sent, or null. Walks the value without recursion (a body may nest
 * 100,000 levels deep) and stops early: a JSON text has at least one byte per value, so more values than the byte
 * limit is over it. A "__proto__" key is refused: copying the object would drop it, and code that merges the
 * stored properties into an object could be polluted by it.
 */
export function propertiesProblem(value: Record<string, unknown>): string | null {
  const pending: [unknown, number][] = [[value, 1]];
  let values = 0;
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (++values > MAX_PROPERTIES_BYTES) return `must be at most ${MAX_PROPERTIES_BYTES} bytes as JSON`;
    if (node === null || typeof node !== "object") continue;
    if (depth > MAX_PROPERTIES_DEPTH) return `must be nested at most ${MAX_PROPERTIES_DEPTH} levels deep`;
    if (Array.isArray(node)) {
      for (const item of node) pending.push([item, depth + 1]);
    } else {
      for (const key of Object.keys(node)) {
        if (key === "__proto__") return `must not hold a "__proto__" key`;
        pending.push([(node as Record<string, unknown>)[key], depth + 1]);
      }
    }
  }
  if (Buffer.byteLength(JSON.stringify(value), "utf8") > MAX_PROPERTIES_BYTES) return `must be at most ${MAX_PROPERTIES_BYTES} bytes as JSON`;
  return null;
}

/** A JSON object, kept as parsed (a copy would silently drop an own "__proto__" key). */
const properties = z
  .custom<Record<string, unknown>>((value) => typeof value === "object" && value !== null && !Array.isArray(value), { error: "must be a JSON object" })
  .superRefine((value, context) => {
    const problem = propertiesProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

const common = {
  id: storableText().min(1).max(128),
  workflow: slug,
  cohort: slug,
  taskId: storableText().min(1).max(128),
  occurredAt: z.iso.datetime({ offset: true, error: "must be an RFC 3339 timestamp with an offset or Z" }),
  actor: storableText().min(1).max(256).optional(),
  agentVersion: storableText().min(1).max(64).optional(),
  properties: properties.optional(),
};

export const outputEvent = z.strictObject({
  ...common,
  type: z.literal("output"),
  outputKind: z.enum(OUTPUT_KINDS),
  /** What reviewers see when the output is sampled for review: stored apart from the event (lib/review). */
  content: outputContent.optional(),
});
export const reviewEvent = z.strictObject({
  ...common,
  type: z.literal("review"),
  verdict: z.enum(VERDICTS),
  errorCategory: z.enum(ERROR_CATEGORIES).optional(),
});
export const escalationEvent = z.strictObject({
  ...common,
  type: z.literal("escalation"),
  reason: storableText().max(500).optional(),
});
export const completionEvent = z.strictObject({
  ...common,
  type: z.literal("completion"),
  mode: z.enum(COMPLETION_MODES),
  durationMs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export const incidentEvent = z.strictObject({
  ...common,
  type: z.literal("incident"),
  category: z.enum(ERROR_CATEGORIES),
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: "must be 1, 2 or 3" }),
});

/** The asking person's opinion (a thumb, or a CSAT score 1–5): never a reviewer's verdict, never counted as a review. */
export const feedbackFields = z.strictObject({
  ...common,
  type: z.literal("feedback"),
  rating: z.enum(RATINGS).optional(),
  score: z.number().int().min(1).max(5).optional(),
});

export const feedbackEvent = feedbackFields.superRefine((event, context) => {
  if ((event.rating === undefined) === (event.score === undefined)) {
    context.addIssue({ code: "custom", path: ["rating"], message: "give either rating (positive or negative) or score (1 to 5), not both" });
  }
});

/** Each type's fields without the checks across them: what a document (OpenAPI) can say of each event type. */
export const EVENT_FIELDS = [outputEvent, reviewEvent, escalationEvent, completionEvent, incidentEvent, feedbackFields] as const;

export const eventSchema = z.discriminatedUnion(
  "type",
  [outputEvent, reviewEvent, escalationEvent, completionEvent, incidentEvent, feedbackEvent],
  { error: "type must be one of output, review, escalation, completion, incident, feedback" },
);
export type IncomingEvent = z.infer<typeof eventSchema>;

/** The envelope; items are validated one by one so a bad item rejects only itself. */
export const eventBatch = z.strictObject({
  events: z
    .array(z.unknown())
    .min(1, "must hold at least one event")
    .max(MAX_BATCH_EVENTS, `must hold at most ${MAX_BATCH_EVENTS} events`),
});
