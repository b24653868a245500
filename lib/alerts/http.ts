// One POST to an alert receiver: to the address the guard checked (pinned, so DNS cannot change it in between), with a
// deadline for the whole exchange, no redirects followed (node's http client follows none), and the answer's body
// never read past a small cap: only its status and Retry-After matter.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Target } from "./guard";

export interface HttpAnswer {
  status: number;
  retryAfter: string | null;
}

export interface PostOptions {
  /** The whole exchange, from connecting to the answer's status line. */
  timeoutMs: number;
  /** How much of an answer's body is read (and dropped) before the connection is closed. */
  maxBytes: number;
}

export const DEFAULT_POST_OPTIONS: PostOptions = { timeoutMs: 10_000, maxBytes: 64 * 1024 };

export class TimedOut extends Error {}

export function post(target: Target, body: string, headers: Record<string, string>, options: PostOptions = DEFAULT_POST_OPTIONS): Promise<HttpAnswer> {
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const request = client.request(
      target.url,
      {
        method: "POST",
        // A connection of its own: a pooled socket might lead to another address than the one checked.
        agent: false,
        lookup: pinned,
        headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Tollgate-Alerts/1", ...headers },
      },
      (response) => {
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > options.maxBytes) response.destroy();
        });
        response.on("error", () => undefined);
        response.on("close", () => clearTimeout(deadline));
        const retryAfter = response.headers["retry-after"];
        resolve({ status: response.statusCode ?? 0, retryAfter: typeof retryAfter === "string" ? retryAfter : null });
      },
    );
    const deadline = setTimeout(() => request.destroy(new TimedOut(`no answer within ${options.timeoutMs / 1000} s`)), options.timeoutMs);
    request.on("error", (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    request.end(body);
  });
}
