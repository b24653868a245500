// The scorecard window: the evidence a gate judges is the `windowWeeks` whole weeks (Monday to Sunday, in the
// installation timezone) that end before the week holding the as-of date begins. Only finished weeks count, so a
// scorecard does not drift while the current week is still filling up, and every window holds whole weeks alike.
//
// The window is a range of local dates, not of instants: a week is seven local days even when a daylight-saving
// change makes one of them 23 or 25 hours long, because the rollups it is read from are counted per local day.
import { addDays, daysBetween, weekStart } from "@/lib/time";

/** Local dates [from, to): `from` is the first day in the window, `to` the first day after it (both Mondays). */
export interface ScorecardWindow {
  from: string;
  to: string;
}

export function scorecardWindow(asOf: string, windowWeeks: number): ScorecardWindow {
  if (!Number.isInteger(windowWeeks) || windowWeeks < 1) {
    throw new RangeError(`a scorecard window needs a whole number of weeks, at least 1, got ${windowWeeks}`);
  }
  // Round-tripping through the calendar rejects impossible dates such as 2026-02-30 as well as malformed ones.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || addDays(asOf, 0) !== asOf) {
    throw new RangeError(`a scorecard window needs an as-of date as YYYY-MM-DD, got "${asOf}"`);
  }
  const to = weekStart(asOf);
  return { from: addDays(to, -7 * windowWeeks), to };
}

/**
 * The weeks, this one included, that reviews still have to count in the rollout's first full window: the
 * `windowWeeks` weeks from the week it started, which a scorecard judges once they are over. Without a start date,
 * or once that window is over (or before it begins), the window rolls on and a whole window's weeks are left.
 */
export function weeksLeftInWindow(asOf: string, windowWeeks: number, startedAt: string | null): number {
  const { to: thisWeek } = scorecardWindow(asOf, windowWeeks);
  if (startedAt === null) return windowWeeks;
  const left = daysBetween(thisWeek, addDays(weekStart(startedAt), 7 * windowWeeks)) / 7;
  return left >= 1 && left <= windowWeeks ? left : windowWeeks;
}
