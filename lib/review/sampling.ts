// Which outputs go to human review. The decision is a keyed hash (HMAC-SHA256 with the installation's secret) of
// the output's workflow and event id, read as a uniform number in [0, 1): uniform, so the sample is a random one;
// reproducible, so a re-sent event gets the same decision; and unpredictable to anyone without the secret, so an
// agent cannot name its outputs so that its good ones land in review and its bad ones do not.
import crypto from "node:crypto";

export interface ReviewRates {
  /** The share of outputs sampled for review. */
  rate: number;
  /** The share of sampled outputs that also get a second, different reviewer. */
  doubleRate: number;
}

/** How many reviewers an output needs from the queue: none (not sampled), one, or two (double-reviewed). */
export type SampledReviewers = 0 | 1 | 2;

/** 2^48: the hash's first six bytes read as a whole number are below it. */
const SIX_BYTES = 2 ** 48;

/**
 * A uniform draw in [0, 1) for one output. NUL separates the parts: neither a workflow (a slug) nor an event id nor
 * an actor (storable text) can hold one, so the message is unambiguous and never equals the bare actor that the
 * same secret pseudonymizes: sharing that secret leaks nothing between the two uses.
 */
function draw(secret: string, workflow: string, eventId: string): number {
  const digest = crypto.createHmac("sha256", secret).update(`review-sample\u0000${workflow}\u0000${eventId}`, "utf8").digest();
  return digest.readUIntBE(0, 6) / SIX_BYTES;
}

/**
 * The reviewers an output gets. One draw decides both: below `rate` it is sampled, and below `rate · doubleRate`
 * (so `doubleRate` of the sampled ones) it is double-reviewed. Samples are nested: raising a rate only adds outputs.
 */
export function sampledReviewers(secret: string, workflow: string, eventId: string, rates: ReviewRates): SampledReviewers {
  // Without a secret anyone could compute the decision, which is what the key is there to prevent.
  if (secret.length === 0) throw new RangeError("review sampling needs a secret");
  for (const [name, share] of Object.entries(rates)) {
    if (!(share >= 0 && share <= 1)) throw new RangeError(`review ${name} must be a share from 0 to 1, got ${share}`);
  }
  const u = draw(secret, workflow, eventId);
  if (u >= rates.rate) return 0;
  return u < rates.rate * rates.doubleRate ? 2 : 1;
}
