// How gate figures are written in the sentences people read on a scorecard. One place, so a verdict's reasons, its
// criteria and its drift findings all print the same number the same way. The dashboard's formatters (lib/ui/format)
// build on the count and the minus here; its percentages carry a decimal ("35.0%"), the reasons' do not ("35%").

/** The typographic minus, which lines up with digits where "-" looks like a hyphen. */
export const MINUS = "−";

const wholeNumber = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** A share with two decimals, e.g. "0.93" or "−0.12"; a value that rounds to zero is "0.00", never "−0.00". */
export function formatShare(value: number): string {
  return withSign(value, Math.abs(value).toFixed(2));
}

/** A score on the CSAT scale with one decimal, e.g. "4.2". */
export function formatScore(value: number): string {
  return withSign(value, Math.abs(value).toFixed(1));
}

/** A fraction as a whole percentage, e.g. 0.354 → "35%", −0.12 → "−12%" (chart axes use it too). */
export function formatWholePercent(value: number): string {
  return `${withSign(value, Math.abs(value * 100).toFixed(0))}%`;
}

/** A count with thousands separators, e.g. "1,250"; a fractional threshold keeps up to two decimals. */
export function formatCount(value: number): string {
  const text = wholeNumber.format(value);
  // "-0" (a tiny negative value rounded away) reads as a figure that is not there.
  return text === "-0" ? "0" : text.replace("-", MINUS);
}

function withSign(value: number, magnitude: string): string {
  return value < 0 && Number(magnitude) !== 0 ? `${MINUS}${magnitude}` : magnitude;
}

/** `singular` for exactly one, else `plural`: "1 review", "0 reviews", "2 reviews". */
export function pluralize(count: number, singular: string, plural: string): string {
  return count === 1 ? singular : plural;
}

/**
 * Rounds a positive whole number up to two significant digits (1,234 → 1,300; 87 → 87), because an estimate of
 * more data needed is rough and a figure like "1,237 more reviews" would claim a precision it does not have.
 */
export function roundUpToTwoSignificantDigits(value: number): number {
  const whole = Math.ceil(value);
  // Digits counted from the decimal string: Math.log10 can land a hair below an exact power of ten.
  const step = 10 ** Math.max(0, String(whole).length - 2);
  return Math.ceil(whole / step) * step;
}
