// Shapes the API answers with, beside the input shapes they answer. The OpenAPI document (lib/openapi)
// describes every answer by these schemas, the examples test checks a real server's answers against them, and the
// routes type their answers by them, so the description cannot drift from what the server sends.
import { z } from "zod";

/**
 * An instant: the server holds a Date and sends it as an ISO 8601 string in UTC. The document describes the wire
 * form (the codec's input); a route's answer type is the Date (its output).
 */
export const timestamp = z.codec(z.iso.datetime(), z.date(), {
  decode: (text) => new Date(text),
  encode: (date) => date.toISOString(),
});

export const fieldError = z.object({
  path: z.string().meta({ description: "Where the problem is, as a JSON path: events[3].verdict, workflow, (root)." }),
  message: z.string(),
});

/** Every refusal (4xx) and failure (500) of the API has this body. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "bad_request, unauthorized, forbidden, csrf, payload_too_large, rate_limited, conflict, …" }),
      message: z.string(),
      errors: z.array(fieldError).optional().meta({ description: "One entry per field in error, when the request's input was refused." }),
    }),
  });

/** A share with its 95% interval; all three are null when there is nothing to estimate from. */
export const interval = z
  .object({ value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() });

/** What the ingestion endpoint answers: 200 when every event was taken, 207 when some were rejected. */
export const ingestResult = z
  .object({
    accepted: z.int().min(0),
    duplicates: z.int().min(0).meta({ description: "Events whose id the workflow already had: stored once, never counted twice." }),
    rejected: z.array(
      z.object({
        index: z.int().min(0).meta({ description: "The event's position in the batch." }),
        id: z.string().nullable(),
        errors: z.array(fieldError),
      }),
    ),
  });
