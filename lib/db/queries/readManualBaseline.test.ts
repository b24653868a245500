import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { readManualBaseline } from "./readManualBaseline";

describeEachDatabase("the manual baseline of a scope without manual completions", (database) => {
  it("is no sketch at all, whole or per rollout", async () => {
    const db = database();
    expect(await db.sql.read((tx) => readManualBaseline(tx, { workflow: "ticket-triage" }))).toEqual(new Map());
    expect(await db.sql.read((tx) => readManualBaseline(tx, {}))).toEqual(new Map());
    expect(await db.sql.read((tx) => readManualBaseline(tx, { perRollout: true }))).toEqual(new Map());
  });
});
