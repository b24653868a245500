// Email through the SMTP server of TOLLGATE_SMTP_URL (smtp://user:password@host:587, or smtps:// for TLS from the
// start), from TOLLGATE_MAIL_FROM, with nodemailer. The URL holds a password: it never reaches a message or a log.
import nodemailer from "nodemailer";
import type { EmailContent } from "./channels/email";

export interface MailAnswer {
  /** The server's reply code to the message (250 when accepted). */
  code: number;
}

/** A refusal from the mail server: `permanent` for a 5xx reply (retrying the same message cannot help). */
export class MailRefused extends Error {
  constructor(
    readonly code: number | null,
    readonly permanent: boolean,
    message: string,
  ) {
    super(message);
  }
}

// One SMTP connection pool per process and server; nothing in it is shared state (every instance may send).
const transports = new Map<string, ReturnType<typeof nodemailer.createTransport>>();

/** Connecting, the greeting and any quiet spell each have a bound: a dead mail server cannot hold the worker. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000, dnsTimeout: 10_000 };

export async function sendMail(smtpUrl: string, from: string, to: readonly string[], content: EmailContent): Promise<MailAnswer> {
  let transport = transports.get(smtpUrl);
  if (!transport) transports.set(smtpUrl, (transport = nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS })));
  try {
    const info = await transport.sendMail({ from, to: [...to], subject: content.subject, text: content.text, html: content.html });
    return { code: Number(/^(\d{3})/.exec(String(info.response))?.[1] ?? 250) };
  } catch (error) {
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    // The server's own words can quote addresses back; the reply code and nodemailer's error code say enough.
    if (responseCode) throw new MailRefused(responseCode, responseCode >= 500, `the mail server answered ${responseCode}${code ? ` (${code})` : ""}`);
    throw new MailRefused(null, false, `the mail server could not be reached${code ? ` (${code})` : ""}`);
  }
}
