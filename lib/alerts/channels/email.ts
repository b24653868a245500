// Email: a subject, plain text, and the same as HTML with every value escaped.
import type { AlertMessage } from "./message";

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function emailContent(message: AlertMessage): EmailContent {
  // A subject is one line: a line break in it would start a header of the mail.
  const subject = `[Tollgate] ${message.title}`.replace(/[\r\n]+/g, " ");
  const text = [message.title, "", message.summary, "", ...message.facts.map(([name, value]) => `${name}: ${value}`), "", `${message.action}: ${message.url}`, ""].join("\n");
  const rows = message.facts.map(([name, value]) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escape(name)}</th><td>${escape(value)}</td></tr>`).join("");
  const html =
    `<!doctype html><html><body style="font-family:system-ui,sans-serif">` +
    `<h1 style="font-size:18px">${escape(message.title)}</h1><p>${escape(message.summary)}</p>` +
    `<table>${rows}</table><p><a href="${escape(message.url)}">${escape(message.action)}</a></p></body></html>`;
  return { subject, text, html };
}
