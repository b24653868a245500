// Splits JSON text into its records without holding the file: the elements of a top-level array, of the `value`
// array of an OData page ({"value": […], "@odata.nextLink": …}), or a sequence of top-level objects (NDJSON or
// concatenated pages). Each record comes back as its own text with the line it starts on, for JSON.parse and for
// error messages; a scanner that only tracks strings and brackets is enough for that and much faster than a
// tokenizer.
import { isObject, lines, type Parsed, type TextChunks } from "./text";

export type JsonElement = { line: number; text: string } | { line: number; error: string };

const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const NEWLINE = 10;

const isSpace = (c: number) => c === 32 || c === NEWLINE || c === 13 || c === 9;

export async function* jsonElements(text: TextChunks): AsyncGenerator<JsonElement> {
  let line = 1;
  const stack: number[] = [];
  let inString = false;
  let escaped = false;
  /** The stack depth at which records begin; null between top-level values. */
  let elementDepth: number | null = null;
  let capturing = false;
  let captureDepth = 0;
  let parts: string[] = [];
  let startLine = 0;
  /** A top-level object: a record, unless its `value` turns out to be an array of records. */
  let tentative = false;
  let expectKey = false;
  let readingKey = false;
  let key = "";
  let afterColon = false;
  /** Inside a non-object element (a number or literal), which is reported and skipped. */
  let inPrimitive = false;

  for await (const chunk of text) {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          readingKey = false;
        } else if (readingKey) key += chunk[i];
        continue;
      }
      if (isSpace(c)) continue;
      const depth = stack.length;

      if (depth === 0 && !capturing) {
        if (c === OPEN_ARRAY) {
          stack.push(c);
          elementDepth = 1;
          continue;
        }
        if (c !== OPEN_OBJECT) {
          yield { line, error: "is not JSON: expected an array or an object" };
          return;
        }
        [capturing, tentative, captureDepth, parts, from, startLine, expectKey] = [true, true, 0, [], i, line, true];
        stack.push(c);
        continue;
      }

      if (tentative && depth === 1) {
        if (c === QUOTE && expectKey) {
          [inString, readingKey, key, expectKey] = [true, true, "", false];
          continue;
        }
        if (c === COLON) {
          afterColon = true;
          continue;
        }
        if (c === COMMA) {
          expectKey = true;
          continue;
        }
        if (afterColon && c === OPEN_ARRAY && key === "value") {
          // An OData page: its `value` array holds the records; the page's other fields are not needed.
          [capturing, tentative, parts, afterColon] = [false, false, [], false];
          stack.push(c);
          elementDepth = 2;
          continue;
        }
        afterColon = false;
      }

      if (!capturing && !inPrimitive && elementDepth !== null && depth === elementDepth && c !== CLOSE_ARRAY && c !== COMMA) {
        if (c === OPEN_OBJECT) [capturing, captureDepth, parts, from, startLine] = [true, depth, [], i, line];
        else {
          yield { line, error: "is not a JSON object" };
          inPrimitive = c !== QUOTE && c !== OPEN_ARRAY;
        }
      }

      if (c === QUOTE) inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) stack.push(c);
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        const open = stack.pop();
        if (open === undefined || (open === OPEN_OBJECT) !== (c === CLOSE_OBJECT)) {
          yield { line, error: "is not valid JSON: a bracket closes what it did not open" };
          return;
        }
        if (capturing && stack.length === captureDepth) {
          parts.push(chunk.slice(from, i + 1));
          yield { line: startLine, text: parts.join("") };
          [capturing, tentative, parts] = [false, false, []];
        } else if (c === CLOSE_ARRAY && elementDepth !== null && stack.length === elementDepth - 1) {
          elementDepth = null;
          inPrimitive = false;
        }
      } else if (c === COMMA && inPrimitive && depth === elementDepth) inPrimitive = false;
    }
    if (capturing) parts.push(chunk.slice(from));
  }
  if (capturing) yield { line: startLine, error: "is cut off: the file ends inside this record" };
  else if (stack.length > 0) yield { line, error: "is cut off: the file ends before its JSON is closed" };
}

/** The records of JSON or NDJSON text as objects; a line that is not one is reported and passed over. */
export async function* jsonObjects(text: TextChunks, format: "json" | "ndjson"): AsyncGenerator<Parsed<Record<string, unknown>>> {
  const elements: AsyncIterable<JsonElement> =
    format === "ndjson"
      ? (async function* () {
          for await (const { line, text: json } of lines(text)) if (json.trim()) yield { line, text: json };
        })()
      : jsonElements(text);
  for await (const element of elements) {
    if ("error" in element) {
      yield element;
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(element.text);
    } catch {
      yield { line: element.line, error: "is not valid JSON" };
      continue;
    }
    yield isObject(value) ? { line: element.line, record: value } : { line: element.line, error: "is not a JSON object" };
  }
}
