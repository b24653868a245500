import { describe, expect, it } from "vitest";
import { SPEC_EXAMPLE, verifyStandardWebhook } from "@/lib/testing/standardWebhooks";
import type { AlertPayload } from "@/lib/alerts/outbox";
import { messageOf } from "./message";
import { teamsBody } from "./teams";
import { slackBody } from "./slack";
import { emailContent } from "./email";
import { signingKey, webhookHeaders, webhookSignature } from "./webhook";

const incident: AlertPayload = {
  type: "incident.created",
  timestamp: "2026-11-18T12:00:00.000Z",
  data: {
    workflow: "ticket-triage",
    cohort: "support-pilot",
    eventId: "evt-1",
    category: "policy_violation",
    severity: 1,
    occurredAt: "2026-11-18T11:00:00.000Z",
    url: "https://tollgate.example.com/scorecards/ticket-triage/support-pilot",
  },
};

const decision: AlertPayload = {
  type: "decision.recorded",
  timestamp: "2026-11-18T12:00:00.000Z",
  data: {
    workflow: "ticket-triage",
    cohort: "support-pilot",
    decision: "go",
    rationale: "<script>alert(1)</script> & more\r\nBcc: everyone@example.com",
    override: "The board accepts the open checklist items.",
    computedVerdict: "hold",
    fromPhase: "pilot",
    toPhase: "department",
    snapshotSha256: "ab".repeat(32),
    decisionId: "d-1",
    decidedAt: "2026-11-18T12:00:00.000Z",
    url: "https://tollgate.example.com/scorecards/ticket-triage/support-pilot",
  },
};

describe("the Teams message", () => {
  it("is an Adaptive Card 1.4 in a message attachment, with the facts and a button to the scorecard", () => {
    const body = JSON.parse(teamsBody(messageOf(incident)));
    expect(body.type).toBe("message");
    expect(body.attachments).toHaveLength(1);
    const [attachment] = body.attachments;
    expect(attachment.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(attachment.content).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(attachment.content.body[0]).toMatchObject({ type: "TextBlock", text: "Severity 1 incident in ticket-triage (support-pilot)" });
    expect(attachment.content.body[2].facts).toContainEqual({ title: "Category", value: "Policy violation" });
    expect(attachment.content.actions).toEqual([{ type: "Action.OpenUrl", title: "Open the scorecard", url: incident.data.url }]);
  });
});

describe("the Slack message", () => {
  it("is Block Kit with a fallback text, every text plain, at most ten fields a section, and a button", () => {
    const body = JSON.parse(slackBody(messageOf(decision)));
    expect(body.text).toBe("Board decision on ticket-triage (support-pilot): Go");
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(["header", "section", "section", "section", "actions"]);
    const texts = body.blocks.flatMap((b: { text?: { type: string }; fields?: { type: string }[] }) => [b.text, ...(b.fields ?? [])]).filter(Boolean);
    expect(new Set(texts.map((t: { type: string }) => t.type))).toEqual(new Set(["plain_text"]));
    expect(body.blocks.filter((b: { fields?: unknown[] }) => b.fields).every((b: { fields: unknown[] }) => b.fields.length <= 10)).toBe(true);
    expect(body.blocks.at(-1).elements[0]).toMatchObject({ type: "button", url: decision.data.url });
  });
});

describe("the email", () => {
  it("has plain text and HTML with every value escaped, and a subject on one line", () => {
    const mail = emailContent(messageOf(decision));
    expect(mail.subject).toBe("[Tollgate] Board decision on ticket-triage (support-pilot): Go");
    expect(mail.text).toContain("<script>alert(1)</script> & more");
    expect(mail.text).toContain(`Open the scorecard: ${decision.data.url}`);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&#60;script&#62;alert(1)&#60;/script&#62; &#38; more");
    expect(emailContent({ ...messageOf(decision), title: "a\r\nBcc: x@example.com" }).subject).toBe("[Tollgate] a Bcc: x@example.com");
  });
});

describe("the webhook signature", () => {
  it("reproduces the Standard Webhooks specification's example", () => {
    const key = signingKey(SPEC_EXAMPLE.secret)!;
    expect(webhookSignature(key, SPEC_EXAMPLE.id, Number(SPEC_EXAMPLE.timestamp), SPEC_EXAMPLE.body)).toBe(SPEC_EXAMPLE.signature);
  });

  it("verifies with an independent implementation of the specification, and fails for another body, id or secret", async () => {
    const verifierOk = await verifyStandardWebhook(SPEC_EXAMPLE.secret, { "webhook-id": SPEC_EXAMPLE.id, "webhook-timestamp": SPEC_EXAMPLE.timestamp, "webhook-signature": SPEC_EXAMPLE.signature }, SPEC_EXAMPLE.body, Number(SPEC_EXAMPLE.timestamp));
    expect(verifierOk).toBe(true);

    const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    const body = JSON.stringify(incident);
    const now = 1_795_000_000;
    const headers = webhookHeaders(signingKey(secret)!, "msg_abc", now, body);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(await verifyStandardWebhook(secret, headers, body, now + 30)).toBe(true);
    expect(await verifyStandardWebhook(secret, headers, body.replace("evt-1", "evt-2"), now)).toBe(false);
    expect(await verifyStandardWebhook(secret, { ...headers, "webhook-id": "msg_other" }, body, now)).toBe(false);
    expect(await verifyStandardWebhook(`whsec_${Buffer.alloc(32, 8).toString("base64")}`, headers, body, now)).toBe(false);
  });

  it("takes only whsec_ secrets of 24 to 64 bytes", () => {
    expect(signingKey(SPEC_EXAMPLE.secret)).not.toBeNull();
    expect(signingKey(SPEC_EXAMPLE.secret.slice("whsec_".length))).toBeNull();
    expect(signingKey(`whsec_${Buffer.alloc(16).toString("base64")}`)).toBeNull();
    expect(signingKey("whsec_not base64!")).toBeNull();
  });
});
