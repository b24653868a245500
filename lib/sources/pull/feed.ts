// What a pull fetched, as the text the file import's parsers read: one JSON record per line. Feeding that text to the
// same parsers as an uploaded NDJSON file keeps one reading of Microsoft's formats (and one joining of transcripts
// split across rows). The fetched bytes are hashed for the import history, as a file is.
import crypto from "node:crypto";
import { PullError } from "./errors";

export class Feed {
  private readonly hash = crypto.createHash("sha256");
  private size = 0;
  /** Problems of the fetch itself (a blob that is not JSON), for the pull's summary. */
  readonly problems: string[] = [];

  /** Counts a fetched answer's text towards the hash. */
  fetched(text: string): void {
    this.hash.update(text);
    this.size += Buffer.byteLength(text);
  }

  line(record: unknown): string {
    return `${JSON.stringify(record)}\n`;
  }

  problem(message: string): void {
    if (this.problems.length < 100) this.problems.push(message);
  }

  digest(): { sha256: string; bytes: number } {
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
