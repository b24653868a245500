import { describe, expect, it } from "vitest";
import { addDays, configuredTimezone, isoWeekLabel, isoWeekMonday, localDay, startOfLocalDay, weekStart } from "./index";

describe("local days", () => {
  it.each([
    // 23:30 on a Sunday in Berlin (CET, UTC+1) is 22:30 UTC the same day.
    ["2026-11-29T22:30:00Z", "Europe/Berlin", "2026-11-29"],
    ["2026-11-29T23:30:00Z", "Europe/Berlin", "2026-11-30"],
    // The night the clocks go back in New York (1 November 2026): 01:30 happens twice.
    ["2026-11-01T05:30:00Z", "America/New_York", "2026-11-01"],
    ["2026-11-01T06:30:00Z", "America/New_York", "2026-11-01"],
    ["2026-11-02T04:59:59Z", "America/New_York", "2026-11-01"],
    ["2026-11-02T05:00:00Z", "America/New_York", "2026-11-02"],
    ["2026-03-29T00:59:59Z", "Europe/London", "2026-03-29"],
    ["2026-12-31T23:30:00Z", "Asia/Tokyo", "2027-01-01"],
  ])("%s in %s is %s", (instant, zone, day) => {
    expect(localDay(new Date(instant), zone)).toBe(day);
  });
});

describe("calendar arithmetic", () => {
  it.each([
    ["2026-11-29", "2026-11-23", "2026-W48"],
    ["2026-11-30", "2026-11-30", "2026-W49"],
    ["2027-01-01", "2026-12-28", "2026-W53"],
    ["2025-12-29", "2025-12-29", "2026-W01"],
  ])("%s is in the week starting %s (%s)", (day, monday, label) => {
    expect(weekStart(day)).toBe(monday);
    expect(isoWeekLabel(day)).toBe(label);
  });

  it("adds days across month and year ends, whatever the process zone", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("refuses a timezone that is not IANA", () => {
    expect(configuredTimezone({ TOLLGATE_TIMEZONE: "Europe/Berlin" })).toBe("Europe/Berlin");
    expect(configuredTimezone({})).toBe("UTC");
    expect(() => configuredTimezone({ TOLLGATE_TIMEZONE: "Mars/Olympus" })).toThrow(/TOLLGATE_TIMEZONE/);
  });
});

describe("ISO week labels and local midnights", () => {
  it.each([
    ["2026-W47", "2026-11-16"],
    ["2026-W53", "2026-12-28"],
    ["2026-W01", "2025-12-29"],
    ["2027-W53", null],
    ["2026-W00", null],
    ["2026-47", null],
    ["2026-W5", null],
    ["1900-W01", "1900-01-01"],
    // Before 1900 the calendar arithmetic is wrong (years 0–99 read as 1900–1999) or throws: no such weeks.
    ["1899-W52", null],
    ["0001-W01", null],
    ["0100-W01", null],
  ])("%s starts on %s", (label, monday) => {
    expect(isoWeekMonday(label)).toBe(monday);
  });

  it("finds the instant a local day begins, across DST changes", () => {
    expect(startOfLocalDay("2026-11-02", "Europe/Berlin").toISOString()).toBe("2026-11-01T23:00:00.000Z");
    expect(startOfLocalDay("2026-10-25", "Europe/Berlin").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(startOfLocalDay("2026-10-26", "Europe/Berlin").toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });
});
