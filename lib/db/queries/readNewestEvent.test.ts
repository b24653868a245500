import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testActor, testProgram } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { readNewestEvent } from "./readNewestEvent";
import { periodKey } from "./rollupFilter";

const support = { workflow: "ticket-triage", cohort: "support-pilot" };
const sales = { workflow: "ticket-triage", cohort: "sales-pilot" };
const crm = { workflow: "crm-enrichment", cohort: "support-pilot" };

describeEachDatabase("the newest event of each rollout", (database) => {
  beforeAll(async () => {
    await applyProgram(database(), testProgram, testActor);
    const at = (occurredAt: string, agentVersion: string, rollout = support) => anEvent("output", { ...rollout, occurredAt, agentVersion });
    const result = await ingestBatch(
      database(),
      [
        at("2026-11-03T10:00:00Z", "v1"),
        // The newest day has two versions' rows; the newest event is the later one of either.
        at("2026-11-05T16:00:00Z", "v2"),
        at("2026-11-05T08:00:00Z", "v1"),
        at("2026-11-05T07:00:00Z", "v2"),
        at("2026-11-04T23:59:00Z", "v1", crm),
      ],
      { now: new Date("2026-11-18T12:00:00Z") },
    );
    expect(result.rejected).toEqual([]);
  });

  it("is the latest event on the rollout's newest day, and none for a rollout without events", async () => {
    const newest = await database().sql.read((tx) => readNewestEvent(tx, [support, sales, crm]));
    expect(Object.fromEntries([...newest].map(([key, at]) => [key, at.toISOString()]))).toEqual({
      [periodKey(support, "")]: "2026-11-05T16:00:00.000Z",
      [periodKey(crm, "")]: "2026-11-04T23:59:00.000Z",
    });
    expect(await database().sql.read((tx) => readNewestEvent(tx, []))).toEqual(new Map());
  });
});
