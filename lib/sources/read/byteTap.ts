// What an import reports of the input it read: its bytes so far (the progress) and, read to its end, its SHA-256
// and size for the history. A file's or a stream's bytes are measured as they pass (ByteTap: by the importing
// thread for what it reads, by a reading thread for what it reads, lib/sources/read/thread.ts); a pull measures
// what it fetched (lib/sources/pull/feed.ts).
import crypto from "node:crypto";

export interface Digest {
  sha256: string;
  bytes: number;
}

export interface Measure {
  bytesRead(): number;
  /** Once the input has been read to its end. */
  digest(): Digest;
}

export class ByteTap implements Measure {
  private readonly hash = crypto.createHash("sha256");
  private bytes = 0;
  private final: Digest | null = null;

  async *through(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
    for await (const chunk of input) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      this.hash.update(buffer);
      this.bytes += buffer.length;
      yield buffer;
    }
  }

  bytesRead(): number {
    return this.bytes;
  }

  digest(): Digest {
    // A hash gives its digest once.
    this.final ??= { sha256: this.hash.digest("hex"), bytes: this.bytes };
    return this.final;
  }
}
