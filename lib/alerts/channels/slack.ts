// Slack (an incoming webhook): Block Kit blocks, every text of the alert as plain_text so nothing in it is read as
// markup, and `text` as the notification's fallback.
import type { AlertMessage } from "./message";

/** Block Kit's limits: a header's text, a field's text, and fields per section. */
const HEADER_MAX = 150;
const TEXT_MAX = 2000;
const FIELDS_MAX = 10;

const plain = (text: string, max = TEXT_MAX) => ({ type: "plain_text", text: text.length > max ? `${text.slice(0, max - 1)}…` : text });

export function slackBody(message: AlertMessage): string {
  const fields = message.facts.flatMap(([name, value]) => [plain(name), plain(value)]);
  const sections = [];
  for (let i = 0; i < fields.length; i += FIELDS_MAX) sections.push({ type: "section", fields: fields.slice(i, i + FIELDS_MAX) });
  return JSON.stringify({
    text: message.title,
    blocks: [
      { type: "header", text: plain(message.title, HEADER_MAX) },
      { type: "section", text: plain(message.summary) },
      ...sections,
      { type: "actions", elements: [{ type: "button", text: plain(message.action, 75), url: message.url }] },
    ],
  });
}
