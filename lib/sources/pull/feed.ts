// What a pull fetched, as the parsed records the file import's parsers read after JSON.parse: handing them to the
// same parsers as an uploaded JSON file's records keeps one reading of Microsoft's formats (and one joining of
// transcripts split across rows) without writing each record back to text and parsing it again. Records are
// numbered from 1 in the order fetched, as the lines of an NDJSON file would be. The fetched bytes are hashed for the
// import history, as a file is.
import crypto from "node:crypto";
import { isObject, type Parsed } from "@/lib/sources/formats/text";
import type { Digest, Measure } from "@/lib/sources/read";
import { PullError } from "./errors";

export class Feed implements Measure {
  private readonly hash = crypto.createHash("sha256");
  private size = 0;
  private records = 0;
  /** Problems of the fetch itself (a blob that is not JSON), for the pull's summary. */
  readonly problems: string[] = [];

  /** Counts a fetched answer's text towards the hash. */
  fetched(text: string): void {
    this.hash.update(text);
    this.size += Buffer.byteLength(text);
  }

  /** A fetched record, numbered, for the parsers; a value that is not an object is reported as a file's would be. */
  item(record: unknown): Parsed<Record<string, unknown>> {
    const line = ++this.records;
    return isObject(record) ? { line, record } : { line, error: "is not a JSON object" };
  }

  problem(message: string): void {
    if (this.problems.length < 100) this.problems.push(message);
  }

  bytesRead(): number {
    return this.size;
  }

  digest(): Digest {
    return { sha256: this.hash.copy().digest("hex"), bytes: this.size };
  }
}

/** Follows next-page links, refusing one that leads back to a page already read (a server's paging loop). */
export class PageLinks {
  private readonly seen = new Set<string>();

  constructor(private readonly what: string) {}

  visit(url: string): void {
    // One link written two ways (parameters in another order, other escaping) is one page.
    const page = new URL(url);
    page.searchParams.sort();
    if (this.seen.has(page.href)) throw new PullError("bad_response", `${this.what}: a next-page link leads back to a page already read; the listing was stopped so it cannot loop.`);
    this.seen.add(page.href);
  }
}
