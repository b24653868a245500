// The one way routes read input (a size-limited JSON body, the query string or the path parameters, checked against
// a contract schema) and answer JSON (typed by the schema that documents it).
import type { z } from "zod";
import { fieldErrors } from "@/lib/contract/common";
import type { JsonBody } from "@/lib/contract/bodies";
import { ApiError, badRequest } from "@/lib/errors";

const tooLarge = (maxBytes: number) => new ApiError(413, "payload_too_large", `Request body exceeds ${maxBytes} bytes.`);

/** 413 before reading when the declared length is already too much. */
function refuseDeclaredExcess(request: Request, maxBytes: number): void {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

/** The body's chunks as they arrive, 413 as soon as they pass `maxBytes` (a declared length can lie). */
async function* chunksUpTo(body: ReadableStream<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes);
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  refuseDeclaredExcess(request, maxBytes);
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  for await (const chunk of chunksUpTo(request.body, maxBytes)) chunks.push(chunk);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw badRequest("Request body is not valid UTF-8.");
  }
}

/** A request body as it arrives, for a route that streams it (an export file); 413 past `maxBytes`. */
export async function* bodyChunks(request: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
  refuseDeclaredExcess(request, maxBytes);
  if (!request.body) throw badRequest("Send the file as the request body.");
  yield* chunksUpTo(request.body, maxBytes);
}

export async function parseJsonBody<S extends z.ZodType>(request: Request, { schema, maxBytes }: JsonBody<S>): Promise<z.infer<S>> {
  const text = await readLimited(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest("Request body is not valid JSON.");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest("Request body does not match the contract.", fieldErrors(parsed.error));
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    throw badRequest(`Invalid query parameter ${errors.map((e) => e.path).join(", ")}.`, errors);
  }
  return parsed.data;
}

/** A route's path parameters; the first one that names nothing is quoted in the answer, by its description. */
export function parseParams<S extends z.ZodObject>(params: Record<string, string>, schema: S): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const name = String(parsed.error.issues[0]!.path[0]);
    const described = schema.shape[name]?.description ?? "valid";
    throw badRequest(`"${String(params[name] ?? "").slice(0, 100)}" is not ${described}`, fieldErrors(parsed.error));
  }
  return parsed.data;
}

/**
 * A JSON answer typed by the schema that documents it (lib/contract/responses): tsc refuses an answer whose fields
 * drifted from its description. The schema is read for its type only.
 */
export function jsonAnswer<S extends z.ZodType>(_schema: S, body: z.output<S>, init?: ResponseInit): Response {
  return Response.json(body, init);
}
