// Bytes to text for the parsers: UTF-8 decoded in pieces (a leading byte order mark is dropped), the first few
// kilobytes held back so the format can be told from the content, and lines split without holding a file.
import { StringDecoder } from "node:string_decoder";

/** What a parser reads: a file or request body as text, in pieces of any size. */
export type TextChunks = AsyncIterable<string>;

/** One item a parser yields: a record with the line it starts on, or the reason a record could not be read. */
export type Parsed<T> = { line: number; record: T } | { line: number; error: string };

/** Node's StringDecoder rather than TextDecoder: the same text (malformed bytes become U+FFFD), about 3× faster. */
export async function* decodeUtf8(bytes: AsyncIterable<Uint8Array | string>): TextChunks {
  const decoder = new StringDecoder("utf8");
  let started = false;
  for await (const chunk of bytes) {
    let text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    if (!text) continue;
    // A leading byte order mark is dropped, as TextDecoder does.
    if (!started && typeof chunk !== "string" && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    started = true;
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

export interface Peeked {
  /** At least `size` characters from the start (less only for a shorter file); a byte order mark removed. */
  head: string;
  /** The whole text again, head included. */
  text: TextChunks;
}

export async function peek(text: TextChunks, size = 8192): Promise<Peeked> {
  const iterator = text[Symbol.asyncIterator]();
  let head = "";
  let done = false;
  while (head.length < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head += next.value;
  }
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  async function* again(): TextChunks {
    if (head) yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, text: again() };
}

/** Lines with their numbers (from 1), a trailing carriage return removed. */
export async function* lines(text: TextChunks): AsyncGenerator<{ line: number; text: string }> {
  let pending = "";
  let line = 0;
  for await (const chunk of text) {
    pending += chunk;
    let start = 0;
    for (let end = pending.indexOf("\n"); end !== -1; end = pending.indexOf("\n", start)) {
      line++;
      yield { line, text: pending.slice(start, end).replace(/\r$/, "") };
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  if (pending) yield { line: line + 1, text: pending.replace(/\r$/, "") };
}

/** A JSON object's field by name, case-insensitively: exports differ in casing (Graph writes camelCase). */
export function field(object: Record<string, unknown>, name: string): unknown {
  if (name in object) return object[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) if (key.toLowerCase() === lower) return object[key];
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An object, or a string holding one as JSON (exports write some objects as JSON text); null for anything else. */
export function objectOf(value: unknown): Record<string, unknown> | null {
  if (isObject(value)) return value;
  if (typeof value !== "string") return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
