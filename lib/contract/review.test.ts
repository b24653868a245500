import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fieldErrors } from "./common";
import { gateReviews, MAX_CONTENT_TEXT_BYTES, outputContent, reviewClaim, reviewContentDays, reviewVerdict, rolloutReview } from "./review";

/** The refusals of `schema` for `value`, with paths as a sender sees them under `base`. */
function refusals(schema: z.ZodType, value: unknown, base: string) {
  const result = schema.safeParse(value);
  return result.success ? [] : fieldErrors(result.error, base);
}

describe("output content", () => {
  it("takes a title, a text and an https link, each on its own or together", () => {
    const content = { title: "Refund request #4411", text: "Customer asks for a refund…", link: "https://desk.example.com/tickets/4411" };
    expect(outputContent.parse(content)).toEqual(content);
    for (const [field, value] of Object.entries(content)) expect(outputContent.safeParse({ [field]: value }).success).toBe(true);
  });

  it("takes a text of exactly 32 KB", () => {
    expect(outputContent.safeParse({ text: "a".repeat(MAX_CONTENT_TEXT_BYTES) }).success).toBe(true);
  });

  it.each<[string, unknown, string, string]>([
    ["a title over 200 characters", { title: "t".repeat(201) }, "content.title", "Too big"],
    ["an empty title", { title: "  " }, "content.title", "Too small"],
    ["a title with NUL", { title: "a\u0000b" }, "content.title", "without NUL"],
    ["a text over 32 KB", { text: "a".repeat(MAX_CONTENT_TEXT_BYTES + 1) }, "content.text", "at most 32768 bytes"],
    // 10,923 characters of three bytes each: under the limit in characters, over it in bytes.
    ["a text over 32 KB in UTF-8", { text: "€".repeat(10_923) }, "content.text", "at most 32768 bytes"],
    ["a lone surrogate in the text", { text: "\ud800" }, "content.text", "without NUL"],
    ["an http link", { link: "http://desk.example.com/tickets/1" }, "content.link", "must be an https URL"],
    ["a javascript: link", { link: "javascript:alert(document.cookie)" }, "content.link", "must be an https URL"],
    ["a data: link", { link: "data:text/html,<script>alert(1)</script>" }, "content.link", "must be an https URL"],
    ["a link that is not a URL", { link: "desk ticket 4411" }, "content.link", "must be an https URL"],
    ["a link with a password", { link: "https://agent:hunter2@desk.example.com/" }, "content.link", "must not carry a user name or password"],
    ["a link posing as another host", { link: "https://desk.example.com@evil.example/" }, "content.link", "must not carry a user name or password"],
    ["a link over 2048 characters", { link: `https://desk.example.com/${"a".repeat(2048)}` }, "content.link", "must be at most 2048 characters"],
    ["nothing at all", {}, "content", "must hold a title, a text or a link"],
  ])("refuses %s", (_case, value, path, message) => {
    const errors = refusals(outputContent, value, "content");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(path);
    expect(errors[0]!.message).toContain(message);
  });

  it("refuses an unknown field, and says what it needs instead", () => {
    expect(refusals(outputContent, { html: "<b>hi</b>" }, "content")).toEqual([
      { path: "content.html", message: "is not a known field" },
      { path: "content", message: "must hold a title, a text or a link" },
    ]);
  });
});

describe("a rollout's review sampling", () => {
  it("takes a rate and a double-review rate", () => {
    expect(rolloutReview.parse({ rate: 0.1, doubleRate: 0.1 })).toEqual({ rate: 0.1, doubleRate: 0.1 });
    expect(rolloutReview.safeParse({ rate: 0, doubleRate: 1 }).success).toBe(true);
  });

  it.each<[string, unknown, string, string]>([
    ["a rate over 1", { rate: 1.5, doubleRate: 0.1 }, "rollouts[0].review.rate", "must be a share from 0 to 1"],
    ["a negative double-review rate", { rate: 0.1, doubleRate: -0.1 }, "rollouts[0].review.doubleRate", "must be a share from 0 to 1"],
    ["no rate", { doubleRate: 0.1 }, "rollouts[0].review.rate", "expected number"],
    ["a rate as text", { rate: "10%", doubleRate: 0.1 }, "rollouts[0].review.rate", "expected number"],
    ["an unknown field", { rate: 0.1, doubleRate: 0.1, seed: 4 }, "rollouts[0].review.seed", "is not a known field"],
  ])("refuses %s", (_case, value, path, message) => {
    const errors = refusals(rolloutReview, value, "rollouts[0].review");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(path);
    expect(errors[0]!.message).toContain(message);
  });
});

describe("reviewContentDays", () => {
  it("is 30 days unless set", () => {
    expect(reviewContentDays.parse(undefined)).toBe(30);
    expect(reviewContentDays.parse(7)).toBe(7);
  });

  it.each([0, 1.5, 36_501, -30])("refuses %d", (days) => {
    expect(refusals(reviewContentDays, days, "reviewContentDays").map((error) => error.path)).toEqual(["reviewContentDays"]);
  });
});

describe("a gate template's reviews", () => {
  it("counts all reviews unless set to the random sample", () => {
    expect(gateReviews.parse(undefined)).toBe("all");
    expect(gateReviews.parse("sampled")).toBe("sampled");
  });

  it("refuses anything else, naming the field", () => {
    expect(refusals(gateReviews, "random", "gates[0].reviews")).toEqual([
      { path: "gates[0].reviews", message: 'Invalid option: expected one of "sampled"|"all"' },
    ]);
  });
});

describe("a review claim", () => {
  it("takes a workflow and, optionally, a cohort", () => {
    expect(reviewClaim.parse({ workflow: "ticket-triage" })).toEqual({ workflow: "ticket-triage" });
    expect(reviewClaim.parse({ workflow: "ticket-triage", cohort: "support-pilot" })).toEqual({ workflow: "ticket-triage", cohort: "support-pilot" });
  });

  it.each<[string, unknown, string]>([
    ["no workflow", { cohort: "support-pilot" }, "workflow"],
    ["a workflow that is not a slug", { workflow: "Ticket Triage" }, "workflow"],
    ["an empty cohort", { workflow: "ticket-triage", cohort: "" }, "cohort"],
    ["an unknown field", { workflow: "ticket-triage", reviewer: "someone" }, "reviewer"],
  ])("refuses %s", (_case, value, path) => {
    const paths = refusals(reviewClaim, value, "").map((error) => error.path);
    expect(new Set(paths)).toEqual(new Set([path]));
  });
});

describe("a review verdict", () => {
  it.each([
    { workflow: "ticket-triage", verdict: "accepted" },
    { workflow: "ticket-triage", verdict: "light_edit", errorCategory: "poor_summarization" },
    { workflow: "ticket-triage", verdict: "heavy_edit", errorCategory: "hallucinated_fact", note: "Invented a refund policy." },
    { workflow: "ticket-triage", verdict: "rejected", errorCategory: "incorrect_routing" },
  ])("takes $verdict", (body) => {
    expect(reviewVerdict.parse(body)).toEqual(body);
  });

  it.each<[string, unknown, string, string]>([
    ["a heavy edit without an error category", { workflow: "w", verdict: "heavy_edit" }, "errorCategory", "is required for a heavy_edit or rejected verdict"],
    ["a rejection without an error category", { workflow: "w", verdict: "rejected", note: "wrong" }, "errorCategory", "is required for a heavy_edit or rejected verdict"],
    ["an unknown verdict", { workflow: "w", verdict: "great" }, "verdict", "Invalid option"],
    ["an unknown error category", { workflow: "w", verdict: "rejected", errorCategory: "typo" }, "errorCategory", "Invalid option"],
    ["no workflow", { verdict: "accepted" }, "workflow", "expected string"],
    ["a note over 2,000 characters", { workflow: "w", verdict: "accepted", note: "n".repeat(2001) }, "note", "Too big"],
    ["a blank note", { workflow: "w", verdict: "accepted", note: " " }, "note", "Too small"],
    ["a note with NUL", { workflow: "w", verdict: "accepted", note: "a\u0000" }, "note", "without NUL"],
    ["a reviewer named in the body", { workflow: "w", verdict: "accepted", actor: "someone" }, "actor", "is not a known field"],
  ])("refuses %s", (_case, value, path, message) => {
    const errors = refusals(reviewVerdict, value, "");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(path);
    expect(errors[0]!.message).toContain(message);
  });
});
