// Microsoft Teams (a Workflows webhook): the message is an Adaptive Card 1.4 with the facts and a button to the page.
import type { AlertMessage } from "./message";

export function teamsBody(message: AlertMessage): string {
  return JSON.stringify({
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", text: message.title, size: "Medium", weight: "Bolder", wrap: true },
            { type: "TextBlock", text: message.summary, wrap: true },
            { type: "FactSet", facts: message.facts.map(([title, value]) => ({ title, value })) },
          ],
          actions: [{ type: "Action.OpenUrl", title: message.action, url: message.url }],
        },
      },
    ],
  });
}
