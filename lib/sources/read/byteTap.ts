// The SHA-256 and size of an export's bytes, taken as they are read: by the importing thread for a small file or a
// stream it reads itself, by a reading thread for what it reads (lib/sources/read/thread.ts).
import crypto from "node:crypto";

export interface Digest {
  sha256: string;
  bytes: number;
}

export class ByteTap {
  private readonly hash = crypto.createHash("sha256");
  bytes = 0;

  async *through(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
    for await (const chunk of input) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      this.hash.update(buffer);
      this.bytes += buffer.length;
      yield buffer;
    }
  }

  digest(): Digest {
    return { sha256: this.hash.digest("hex"), bytes: this.bytes };
  }
}
