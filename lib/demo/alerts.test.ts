import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { alertsOverview } from "@/lib/alerts/overview";
import { seedDemo } from "./seed";

describeEachDatabase("the demo's alerts", (database) => {
  it("show its channels honestly: unset variables as not configured, and the one test it attempted as failed for that reason", async () => {
    const db = database();
    await seedDemo(db, { events: 3_000, end: new Date("2026-11-16T00:00:00Z") });
    const overview = await alertsOverview(db, {});
    expect(overview.channels.map((c) => [c.key, c.problem])).toEqual([
      ["board-mail", "not configured: TOLLGATE_SMTP_URL and TOLLGATE_MAIL_FROM are not set"],
      ["ops-teams", "not configured: DEMO_TEAMS_URL is not set"],
      ["siem", "not configured: DEMO_SIEM_URL and DEMO_SIEM_SECRET are not set"],
    ]);
    // The demo's past incidents were never alerted: only the test is in the history.
    expect(overview.alerts).toHaveLength(1);
    expect(overview.alerts[0]).toMatchObject({ trigger: "alert.test", channel: "siem", status: "failed", attempts: 1, lastError: "not configured: DEMO_SIEM_URL and DEMO_SIEM_SECRET are not set" });
  });
});
