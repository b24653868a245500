import { describe, expect, it } from "vitest";
import { periodsOf } from "@/lib/time";
import { periodOf } from "./rollupFilter";

describe("a row's period", () => {
  const weeks = periodsOf("2026-11-02", "2026-11-30", "week");

  it("is a weekly table's own week when read by week, with no CASE over the periods", () => {
    expect(periodOf("week", weeks, "week")).toEqual({ sql: `"week"`, params: [] });
    // The weekly tables store each week's Monday, which is the start of the period that week falls in.
    expect(weeks.map((p) => p.start)).toEqual(["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]);
  });

  it("is a daily table's day bucketed by a CASE when read by week", () => {
    expect(periodOf("week", weeks, "day")).toEqual({
      sql: `CASE WHEN "day" < ? THEN ? WHEN "day" < ? THEN ? WHEN "day" < ? THEN ? ELSE ? END`,
      params: ["2026-11-09", "2026-11-02", "2026-11-16", "2026-11-09", "2026-11-23", "2026-11-16", "2026-11-23"],
    });
  });

  it("is the window's first day in a total", () => {
    expect(periodOf("total", periodsOf("2026-11-02", "2026-11-30", "total"), "week")).toEqual({ sql: "?", params: ["2026-11-02"] });
  });
});
