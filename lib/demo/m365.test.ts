import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { sourcesOverview } from "@/lib/sources/overview";
import { pullStatuses } from "@/lib/sources/pull/status";
import { seedDemo } from "./seed";

describeEachDatabase("the demo's Microsoft 365 sources", (database) => {
  it("are configured, their sample exports imported with summaries, and the pulling one honestly not connected", async () => {
    const db = database();
    await seedDemo(db, { events: 2_000, end: new Date("2026-11-16T00:00:00Z") });
    const { sources, history } = await sourcesOverview(db);
    expect(sources.map((s) => s.key)).toEqual(["purview", "support-bot", "support-transcripts"]);
    expect(history.map((h) => [h.source, h.fileName])).toEqual(
      expect.arrayContaining([
        ["purview", "purview-portal.csv"],
        ["support-bot", "copilot-studio-sessions.csv"],
        ["support-transcripts", "transcripts.json"],
      ]),
    );
    for (const row of history) {
      expect(row.finishedAt).not.toBeNull();
      expect(row.counts).toMatchObject({ errors: 0 });
      expect(Number(row.counts!.new)).toBeGreaterThan(0);
    }
    expect(await pullStatuses(db, new Date(), {})).toEqual([
      expect.objectContaining({
        source: "purview",
        every: "15m",
        connected: false,
        why: "not connected: TOLLGATE_M365_TENANT_ID, TOLLGATE_M365_CLIENT_ID, TOLLGATE_M365_CLIENT_SECRET or TOLLGATE_M365_CERTIFICATE_PATH are not set",
        lastRunAt: null,
      }),
    ]);
  });
});
