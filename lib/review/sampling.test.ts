import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { sampledReviewers, type ReviewRates } from "./sampling";

const SECRET = "7c1f0e2a9b4d48e3a6f5c2d1b0e9f8a7";
const OUTPUTS = 10_000;
const ids = Array.from({ length: OUTPUTS }, (_, i) => `evt-${i}`);

/** The count of `hits` in `trials` draws lies within four standard deviations of a Binomial(trials, p) mean. */
function expectBinomial(hits: number, trials: number, p: number) {
  const mean = trials * p;
  const spread = 4 * Math.sqrt(trials * p * (1 - p));
  expect(hits).toBeGreaterThanOrEqual(mean - spread);
  expect(hits).toBeLessThanOrEqual(mean + spread);
}

const count = (eventIds: string[], rates: ReviewRates, secret = SECRET, workflow = "ticket-triage") =>
  eventIds.filter((id) => sampledReviewers(secret, workflow, id, rates) > 0).length;

describe("sampledReviewers", () => {
  it.each([0.01, 0.1, 0.25, 0.5, 0.9])("samples a share %d of 10,000 outputs, within binomial bounds", (rate) => {
    expectBinomial(count(ids, { rate, doubleRate: 0 }), OUTPUTS, rate);
  });

  it("samples nothing at rate 0 and everything at rate 1", () => {
    expect(count(ids, { rate: 0, doubleRate: 0.5 })).toBe(0);
    expect(count(ids, { rate: 1, doubleRate: 0 })).toBe(OUTPUTS);
  });

  it("decides a re-sent output the same way", () => {
    const rates = { rate: 0.3, doubleRate: 0.3 };
    const first = ids.map((id) => sampledReviewers(SECRET, "ticket-triage", id, rates));
    const again = ids.map((id) => sampledReviewers(SECRET, "ticket-triage", id, rates));
    expect(again).toEqual(first);
    expect(new Set(first)).toEqual(new Set([0, 1, 2]));
  });

  it("gives doubleRate of the sampled outputs a second reviewer, within binomial bounds", () => {
    const all = ids.map((id) => sampledReviewers(SECRET, "ticket-triage", id, { rate: 1, doubleRate: 0.1 }));
    expectBinomial(all.filter((reviewers) => reviewers === 2).length, OUTPUTS, 0.1);

    const some = ids.map((id) => sampledReviewers(SECRET, "ticket-triage", id, { rate: 0.5, doubleRate: 0.2 }));
    const sampled = some.filter((reviewers) => reviewers > 0).length;
    expectBinomial(some.filter((reviewers) => reviewers === 2).length, sampled, 0.2);
  });

  it("only adds outputs when a rate is raised", () => {
    const at = (rates: ReviewRates) => ids.map((id) => sampledReviewers(SECRET, "ticket-triage", id, rates));
    const low = at({ rate: 0.1, doubleRate: 0.1 });
    const high = at({ rate: 0.2, doubleRate: 0.3 });
    low.forEach((reviewers, i) => expect(high[i]).toBeGreaterThanOrEqual(reviewers));
  });

  it("decides independently under another secret and in another workflow", () => {
    const rates = { rate: 0.5, doubleRate: 0 };
    const sampled = (secret: string, workflow: string) =>
      ids.map((id) => sampledReviewers(secret, workflow, id, rates) > 0);
    const ours = sampled(SECRET, "ticket-triage");
    const overlap = (other: boolean[]) => ours.filter((hit, i) => hit && other[i]).length;
    // Independent halves overlap on a quarter of the outputs.
    expectBinomial(overlap(sampled("another secret", "ticket-triage")), OUTPUTS, 0.25);
    expectBinomial(overlap(sampled(SECRET, "inbox-triage")), OUTPUTS, 0.25);
  });

  describe("an agent choosing its ids without the secret", () => {
    const rates = { rate: 0.1, doubleRate: 0 };

    /** The agent's best guess at the draw: the same construction with a key it guessed, or no key at all. */
    const guesses: [string, (id: string) => number][] = [
      ["a guessed key", (id) => crypto.createHmac("sha256", "tollgate").update(`review-sample\u0000ticket-triage\u0000${id}`).digest().readUIntBE(0, 6) / 2 ** 48],
      ["a plain hash of the id", (id) => crypto.createHash("sha256").update(id).digest().readUIntBE(0, 6) / 2 ** 48],
    ];

    it.each(guesses)("cannot keep its outputs out of review by picking ids %s says are unsampled", (_guess, guessedDraw) => {
      const chosen: string[] = [];
      for (let i = 0; chosen.length < OUTPUTS; i++) {
        const candidate = `good-${i}`;
        if (guessedDraw(candidate) >= 0.5) chosen.push(candidate);
      }
      expectBinomial(count(chosen, rates), OUTPUTS, rates.rate);
    });

    it.each<[string, (i: number) => string]>([
      ["sequential numbers", (i) => String(i)],
      ["one character apart", (i) => `${"x".repeat(100)}${String.fromCharCode(0x4e00 + i)}`],
      ["a timestamp per millisecond", (i) => new Date(Date.UTC(2026, 10, 2) + i).toISOString()],
      ["128 characters long", (i) => String(i).padStart(128, "0")],
    ])("samples ids of %s at the base rate", (_pattern, id) => {
      expectBinomial(count(Array.from({ length: OUTPUTS }, (_, i) => id(i)), rates), OUTPUTS, rates.rate);
    });
  });

  it("refuses to sample without a secret", () => {
    expect(() => sampledReviewers("", "ticket-triage", "evt-1", { rate: 0.1, doubleRate: 0.1 })).toThrow(/needs a secret/);
  });

  it.each<[ReviewRates, RegExp]>([
    [{ rate: 1.5, doubleRate: 0.1 }, /rate must be a share from 0 to 1, got 1.5/],
    [{ rate: -0.1, doubleRate: 0.1 }, /rate must be a share from 0 to 1, got -0.1/],
    [{ rate: 0.1, doubleRate: Number.NaN }, /doubleRate must be a share from 0 to 1, got NaN/],
  ])("refuses rates %o", (rates, message) => {
    expect(() => sampledReviewers(SECRET, "ticket-triage", "evt-1", rates)).toThrow(message);
  });
});
