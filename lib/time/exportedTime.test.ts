import { describe, expect, it } from "vitest";
import { parseExportedTime } from "./index";

describe("parseExportedTime", () => {
  it.each([
    ["2026-11-02 09:14:03", "UTC", "2026-11-02T09:14:03.000Z"],
    ["2026-11-02T09:14:03.25", "UTC", "2026-11-02T09:14:03.250Z"],
    ["2026-11-02 10:14", "Europe/Berlin", "2026-11-02T09:14:00.000Z"],
    ["2026-07-02 10:14:00", "Europe/Berlin", "2026-07-02T08:14:00.000Z"],
    ["2026-11-02T09:14:03+01:00", "America/New_York", "2026-11-02T08:14:03.000Z"],
    ["2026-11-02T09:14:03Z", "Europe/Berlin", "2026-11-02T09:14:03.000Z"],
    ["11/2/2026 9:14:03 PM", "UTC", "2026-11-02T21:14:03.000Z"],
    ["11/2/2026 12:05 AM", "UTC", "2026-11-02T00:05:00.000Z"],
    ["11/2/2026 12:05 PM", "UTC", "2026-11-02T12:05:00.000Z"],
    ["11/2/2026 18:05", "UTC", "2026-11-02T18:05:00.000Z"],
  ])("reads %s in %s as %s", (text, zone, iso) => {
    expect(parseExportedTime(text, zone)?.toISOString()).toBe(iso);
  });

  it.each(["yesterday", "2026-04-31 10:00", "13/2/2026 10:00", "2/2/2026 13:00 PM", "2026-11-02", "02.11.2026 09:14:03", "2026-11-02 25:00"])(
    "refuses %s",
    (text) => expect(parseExportedTime(text, "UTC")).toBeNull(),
  );
});
