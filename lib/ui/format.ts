// How the dashboard writes figures for people. Formatting only: every figure arrives computed by lib/metrics and
// lib/gates; nothing here derives a rate. Pure and locale-fixed (en-US numbers, date-fns dates), so the server's
// first paint and the browser's hydration print the same text.
import { format } from "date-fns";
import { TZDate } from "@date-fns/tz";
import { UTCDate } from "@date-fns/utc";
import { addDays, isoWeekLabel } from "@/lib/time";
import { formatCount as formatKnownCount, MINUS, pluralize } from "@/lib/gates/format";

export const NO_VALUE = "—";

export interface IntervalLike {
  value: number | null;
  low: number | null;
  high: number | null;
}

const percentFormat = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A share (0.8703) as a percentage with one decimal: "87.0%"; "—" when there is no estimate. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const text = percentFormat.format(value);
  // "-0.0%" reads as a change that is not there.
  return /^-0\.0%$/.test(text) ? text.slice(1) : text.replace("-", MINUS);
}

/** The bounds of a 95% interval: "[83.1%, 90.4%]". */
export function formatBounds(interval: IntervalLike): string {
  if (interval.value === null) return NO_VALUE;
  return `[${formatPercent(interval.low)}, ${formatPercent(interval.high)}]`;
}

/** An estimate with its 95% interval: "87.0% [83.1%, 90.4%]". */
export function formatInterval(interval: IntervalLike): string {
  if (interval.value === null) return NO_VALUE;
  return `${formatPercent(interval.value)} ${formatBounds(interval)}`;
}

/** A count with thousands separators: "1,250", as the gates' reasons write it; "—" when unknown. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return formatKnownCount(value);
}

/** "1 review", "3 reviews". */
export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${pluralize(count, one, many)}`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration for people: "850 ms", "42 s", "4 min 12 s", "1 h 5 min", "2 d 3 h"; "—" when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NO_VALUE;
  const sign = ms < 0 ? MINUS : "";
  const abs = Math.abs(ms);
  if (abs < SECOND) return `${sign}${Math.round(abs)} ms`;
  const seconds = Math.round(abs / SECOND);
  if (seconds < 60) return `${sign}${seconds} s`;
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return `${sign}${m} min${s ? ` ${s} s` : ""}`;
  }
  const minutes = Math.round(abs / MINUTE);
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return `${sign}${h} h${m ? ` ${m} min` : ""}`;
  }
  const hours = Math.round(abs / HOUR);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return `${sign}${d} d${h ? ` ${h} h` : ""}`;
}

/** A compact duration for chart axes: "45 s", "12 min", "1.5 h", "2 d". */
export function formatDurationTick(ms: number): string {
  if (!Number.isFinite(ms)) return "";
  if (ms < MINUTE) return `${Math.round(ms / SECOND)} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) return `${formatCount(Math.round((ms / HOUR) * 10) / 10)} h`;
  return `${formatCount(Math.round((ms / DAY) * 10) / 10)} d`;
}

/**
 * A cycle-time reduction against the baseline (0.57 = 57% less time): "57.3% faster" or "12.0% slower"; "—" when
 * there is no estimate.
 */
export function formatReduction(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  if (value < 0) return `${formatPercent(-value)} slower`;
  return `${formatPercent(value)} faster`;
}

/** A local calendar day (YYYY-MM-DD, already in the installation timezone) written for people: "23 Nov 2026". */
export function formatDay(day: string, pattern = "d MMM yyyy"): string {
  return format(new UTCDate(`${day}T00:00:00Z`), pattern);
}

/** A week by its Monday: "19 Oct". */
export function formatWeek(monday: string): string {
  return formatDay(monday, "d MMM");
}

/** "Week of 19 Oct 2026 (2026-W43)". */
export function formatWeekLong(monday: string): string {
  return `Week of ${formatDay(monday)} (${isoWeekLabel(monday)})`;
}

/** A window of local days [from, to) as the days it covers: "26 Oct – 22 Nov 2026". */
export function formatWindow(from: string, toExclusive: string): string {
  const last = addDays(toExclusive, -1);
  if (last <= from) return formatDay(from);
  const sameYear = from.slice(0, 4) === last.slice(0, 4);
  return `${formatDay(from, sameYear ? "d MMM" : "d MMM yyyy")} – ${formatDay(last)}`;
}

/** An instant in the installation timezone: "27 Nov 2026, 10:05 GMT+1". */
export function formatInstant(iso: string | Date | null | undefined, timezone: string): string {
  if (iso === null || iso === undefined) return NO_VALUE;
  return format(new TZDate(typeof iso === "string" ? iso : iso.toISOString(), timezone), "d MMM yyyy, HH:mm O");
}

/** A comparison with a threshold, e.g. "≥ 90.0%" or "≤ 0". */
export function formatComparison(op: ">=" | "<=", formatted: string): string {
  return `${op === ">=" ? "≥" : "≤"} ${formatted}`;
}

/** A short SHA-256 for display: the first 12 hex digits. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** Where a window's reviews came from: "120 from the random sample, 34 sent by integrations". */
export function formatReviewSources(reviews: number, sampled: number): string {
  return `${formatCount(sampled)} from the random sample, ${formatCount(reviews - sampled)} sent by integrations`;
}

/** Reviewer agreement in words: percent agreement and Cohen's kappa, each with its 95% interval, and n. */
export function formatAgreement(agreement: { n: number; percentAgreement: IntervalLike; kappa: IntervalLike }): string {
  if (agreement.n === 0) return "no output was reviewed by two people in this window";
  const kappa = agreement.kappa;
  const kappaText =
    kappa.value === null
      ? "Cohen's kappa not defined (both reviewers gave one class throughout)"
      : `Cohen's kappa ${kappaFormat.format(kappa.value)} [${kappaFormat.format(kappa.low!)}, ${kappaFormat.format(kappa.high!)}]`;
  return `${formatInterval(agreement.percentAgreement)} agreement on ${plural(agreement.n, "double-reviewed output", "double-reviewed outputs")}; ${kappaText}`;
}

const kappaFormat = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
