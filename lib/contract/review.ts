// Contracts of the review queue: what an output may carry for its reviewers, how a rollout samples its outputs for
// review, and the bodies of the review API. Each is its own schema, to be composed into the event contract, the
// program document and the routes where the queue is wired in.
import { z } from "zod";
import { ERROR_CATEGORIES, VERDICTS } from "./vocabulary";
import { slug, storableText } from "./common";

export const MAX_CONTENT_TEXT_BYTES = 32 * 1024;

/**
 * The link to the item in its own system. https only (no javascript:, no data:, nothing sent in the clear), and no
 * user name or password: one would be shown to every reviewer, and https://intranet.example@elsewhere.example is
 * how a link pretends to go somewhere it does not.
 */
const contentLink = z
  .url({ protocol: /^https$/, error: "must be an https URL" })
  // Its own message: the URL format's error would otherwise stand in for every check of the link.
  .max(2048, "must be at most 2048 characters")
  .refine((link) => {
    // A link that is no URL at all is refused by the check above; zod runs this one all the same.
    if (!URL.canParse(link)) return true;
    const { username, password } = new URL(link);
    return username === "" && password === "";
  }, "must not carry a user name or password");

/** What an output shows its reviewers: stored apart from the event and purged after `reviewContentDays`. */
export const outputContent = z
  .strictObject({
    title: storableText().trim().min(1).max(200).optional(),
    text: storableText()
      .min(1)
      .refine((text) => Buffer.byteLength(text, "utf8") <= MAX_CONTENT_TEXT_BYTES, `must be at most ${MAX_CONTENT_TEXT_BYTES} bytes as UTF-8`)
      .optional(),
    link: contentLink.optional(),
  })
  .refine((content) => Object.keys(content).length > 0, "must hold a title, a text or a link");

const share = z.number().min(0, "must be a share from 0 to 1").max(1, "must be a share from 0 to 1");

/** A rollout's `review` in program.json: the share of outputs sampled, and of those the share reviewed twice. */
export const rolloutReview = z.strictObject({ rate: share, doubleRate: share });

/** Days an output's content is kept for review (program.json `reviewContentDays`), even when the event is kept longer. */
export const reviewContentDays = z.number().int("must be a whole number of days").min(1).max(36_500).default(30);

/**
 * Which reviews a gate template's precision, correction and heavy-correction criteria count (`reviews`): only the
 * random sample, or every review including those integrations chose to send.
 */
export const gateReviews = z.enum(["sampled", "all"]).default("all");

/** An output's event id, as the review routes name it. */
export const outputId = storableText().min(1).max(128);

/**
 * `POST /api/v1/review/claim`: the next pending item of a workflow, optionally of one cohort; `skip` gives up the
 * caller's claim on that output first (it goes to someone else, never back to them).
 */
export const reviewClaim = z.strictObject({ workflow: slug, cohort: slug.optional(), skip: outputId.optional() });

/** `GET /api/v1/review/queue`: the queue of a workflow, optionally of one cohort. */
export const reviewQueueQuery = z.strictObject({ workflow: slug, cohort: slug.optional() });

/** Verdicts that say the output was wrong, so the reviewer has to say how. */
const WRONG: ReadonlySet<string> = new Set(["heavy_edit", "rejected"]);

/** `POST /api/v1/review/items/{outputId}`: a reviewer's verdict on an output of the workflow. */
export const reviewVerdict = z
  .strictObject({
    workflow: slug,
    verdict: z.enum(VERDICTS),
    errorCategory: z.enum(ERROR_CATEGORIES).optional(),
    note: storableText().trim().min(1).max(2000).optional(),
  })
  .refine((body) => !WRONG.has(body.verdict) || body.errorCategory !== undefined, {
    path: ["errorCategory"],
    message: "is required for a heavy_edit or rejected verdict",
  });
