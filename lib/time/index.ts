// The one place that knows the installation timezone, local days and ISO weeks. Local days are strings
// (YYYY-MM-DD); calendar arithmetic on them runs in UTC so the process' own zone never leaks in.
import { UTCDate } from "@date-fns/utc";
import { TZDate } from "@date-fns/tz";
// One module per function rather than date-fns' index, which loads all of its few hundred modules: a worker thread
// run from the sources (lib/sources/read/thread.ts) loads them one by one through tsx.
import { addDays as addCalendarDays } from "date-fns/addDays";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { format } from "date-fns/format";
import { getISOWeek } from "date-fns/getISOWeek";
import { getISOWeekYear } from "date-fns/getISOWeekYear";
import { startOfISOWeek } from "date-fns/startOfISOWeek";

export const DEFAULT_TIMEZONE = "UTC";

export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The configured IANA zone (TOLLGATE_TIMEZONE), validated. */
export function configuredTimezone(env: Record<string, string | undefined> = process.env): string {
  const zone = env.TOLLGATE_TIMEZONE?.trim() || DEFAULT_TIMEZONE;
  if (!isValidTimezone(zone)) {
    throw new Error(`TOLLGATE_TIMEZONE "${zone}" is not an IANA timezone (for example Europe/Berlin or UTC).`);
  }
  return zone;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
/** Day by zone and quarter hour: every UTC offset in use since 1900 is a whole number of quarter hours. */
const dayCache = new Map<string, Map<number, string>>();
const QUARTER_HOUR_MS = 15 * 60 * 1000;

/** The local calendar day of an instant in a zone. */
export function localDay(instant: Date, zone: string): string {
  let days = dayCache.get(zone);
  if (!days) dayCache.set(zone, (days = new Map()));
  const quarter = Math.floor(instant.getTime() / QUARTER_HOUR_MS);
  let day = days.get(quarter);
  if (day === undefined) {
    let formatter = dayFormatters.get(zone);
    if (!formatter) {
      // en-CA formats dates as YYYY-MM-DD.
      formatter = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
      dayFormatters.set(zone, formatter);
    }
    day = formatter.format(instant);
    if (days.size > 100_000) days.clear();
    days.set(quarter, day);
  }
  return day;
}

export function today(zone: string, now: Date = new Date()): string {
  return localDay(now, zone);
}

function utc(day: string): UTCDate {
  return new UTCDate(`${day}T00:00:00Z`);
}

function dayString(date: Date): string {
  return format(date, "yyyy-MM-dd");
}

export function addDays(day: string, days: number): string {
  return dayString(addCalendarDays(utc(day), days));
}

export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(utc(to), utc(from));
}

/** The Monday that starts the ISO week holding the day. */
export function weekStart(day: string): string {
  return dayString(startOfISOWeek(utc(day)));
}

/** ISO week label, e.g. 2026-W48. */
export function isoWeekLabel(day: string): string {
  const date = utc(day);
  return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, "0")}`;
}

export const GRANULARITIES = ["day", "week", "total"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** A reporting period: labelled by `start` (the day, the week's Monday, or the window's first day), covering the local days [from, to). */
export interface Period {
  start: string;
  from: string;
  to: string;
}

/** Splits the window [from, to) into periods; weeks are ISO weeks clipped to the window. */
export function periodsOf(from: string, to: string, granularity: Granularity): Period[] {
  if (granularity === "total") return [{ start: from, from, to }];
  const periods: Period[] = [];
  let cursor = from;
  while (cursor < to) {
    const start = granularity === "day" ? cursor : weekStart(cursor);
    const next = granularity === "day" ? addDays(cursor, 1) : addDays(start, 7);
    const end = next < to ? next : to;
    periods.push({ start, from: cursor, to: end });
    cursor = end;
  }
  return periods;
}

/**
 * The Monday of an ISO week label (2026-W47); null when the label is malformed, the week does not exist, or it is
 * before 1900 (date-fns reads years 0–99 as 1900–1999, so the calendar arithmetic here is only right from 1900 on).
 */
export function isoWeekMonday(label: string): string | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!match) return null;
  const [year, week] = [Number(match[1]), Number(match[2])];
  if (year < 1900 || week < 1 || week > 53) return null;
  // ISO week 1 holds 4 January.
  const monday = addDays(weekStart(`${year}-01-04`), (week - 1) * 7);
  return isoWeekLabel(monday) === label ? monday : null;
}

/** The instant a local day begins in a zone (midnight, or the first instant after a DST gap). */
export function startOfLocalDay(day: string, zone: string): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date, zone).getTime());
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const US_CLOCK = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp])\.?[Mm]\.?)?$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An exported date-time as an instant: one that carries a zone (Z or an offset) as written; a wall-clock time
 * (2026-11-02 09:14:03, or the US form 11/2/2026 9:14:03 AM) read in `zone`. Null when it is neither.
 */
export function parseExportedTime(text: string, zone: string): Date | null {
  const value = text.trim();
  if (HAS_ZONE.test(value)) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value) ? null : instant;
  }
  let parts: number[];
  const iso = WALL_CLOCK.exec(value);
  const us = iso ? null : US_CLOCK.exec(value);
  if (iso) parts = [1, 2, 3, 4, 5, 6].map((i) => Number(iso[i] ?? 0)).concat(Number((iso[7] ?? "0").padEnd(3, "0").slice(0, 3)));
  else if (us) {
    let hour = Number(us[4]);
    const half = us[7]?.toLowerCase();
    if (half && (hour < 1 || hour > 12)) return null;
    if (half === "p" && hour < 12) hour += 12;
    if (half === "a" && hour === 12) hour = 0;
    parts = [Number(us[3]), Number(us[1]), Number(us[2]), hour, Number(us[5]), Number(us[6] ?? 0), 0];
  } else return null;
  const [year, month, day, hour, minute, second, ms] = parts as [number, number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const instant = new TZDate(year, month - 1, day, hour, minute, second, ms, zone);
  // A day past the month's end rolls over; refuse it rather than read 31 April as 1 May.
  return instant.getDate() === day ? new Date(instant.getTime()) : null;
}
