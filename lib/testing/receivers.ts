// Local receivers for the alert tests and the drill: an HTTP receiver (webhook, Teams and Slack all post JSON) whose
// answers follow a script, and an SMTP server (smtp-server) that keeps what it is sent. Both listen on 127.0.0.1 only.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string | undefined>;
  body: string;
}

/**
 * What the receiver does with a request: answer a status (with headers, after a delay), cut the connection, never
 * answer, or answer 200 with a body of this many bytes.
 */
export type Answer = { status: number; headers?: Record<string, string>; delayMs?: number } | "drop" | "hang" | { hugeBody: number };

export interface HttpReceiver {
  url: string;
  /** "127.0.0.1:port", for TOLLGATE_WEBHOOK_ALLOW_HOSTS. */
  host: string;
  requests: ReceivedRequest[];
  /** Answers for the next requests, in order; once used up, 200. */
  script: Answer[];
  /** Bytes of huge bodies written before the client closed the connection. */
  bytesWritten: number;
  close(): Promise<void>;
}

export async function startHttpReceiver(port = 0): Promise<HttpReceiver> {
  const sockets = new Set<import("node:net").Socket>();
  const receiver = { requests: [] as ReceivedRequest[], script: [] as Answer[], bytesWritten: 0 } as HttpReceiver;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]));
      receiver.requests.push({ path: request.url ?? "/", headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = receiver.script.shift() ?? { status: 200 };
      if (answer === "drop") return request.socket.destroy();
      if (answer === "hang") return;
      if ("hugeBody" in answer) return writeHuge(response, answer.hugeBody, (n) => (receiver.bytesWritten += n));
      setTimeout(() => response.writeHead(answer.status, answer.headers).end("ok"), answer.delayMs ?? 0);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const listening = (server.address() as AddressInfo).port;
  receiver.host = `127.0.0.1:${listening}`;
  receiver.url = `http://127.0.0.1:${listening}/hook`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return receiver;
}

function writeHuge(response: http.ServerResponse, total: number, wrote: (n: number) => void): void {
  response.writeHead(200, { "content-type": "application/octet-stream" });
  const chunk = Buffer.alloc(64 * 1024, 120);
  let left = total;
  const pump = () => {
    while (left > 0) {
      const n = Math.min(chunk.length, left);
      left -= n;
      wrote(n);
      if (!response.write(chunk.subarray(0, n))) return void response.once("drain", pump);
    }
    response.end();
  };
  response.on("close", () => (left = 0));
  pump();
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpReceiver {
  /** smtp://127.0.0.1:port, for TOLLGATE_SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  /** Reply codes for the next recipients, in order (e.g. 451 for "try later", 550 for "no such mailbox"); then 250. */
  refusals: number[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const receiver = { mails: [] as ReceivedMail[], refusals: [] as number[] } as SmtpReceiver;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = receiver.refusals.shift();
      if (!code) return callback();
      callback(Object.assign(new Error(code >= 500 ? "No such mailbox" : "Try again later"), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        receiver.mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  receiver.url = `smtp://127.0.0.1:${port}`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}
