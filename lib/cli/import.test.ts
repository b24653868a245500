import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testProgram, testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { importFile } from "./import";

function writeTemp(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-import-")), name);
  fs.writeFileSync(file, text);
  return file;
}

describeEachDatabase("importFile", (database) => {
  beforeAll(async () => {
    await applyProgram(database(), testProgram, testActor);
  });

  it("imports NDJSON and reports rejected lines by line number", async () => {
    const good = anEvent("output");
    const lines = [JSON.stringify(good), "{oops", "", JSON.stringify(anEvent("review", { verdict: "bogus" })), JSON.stringify(good)];
    const report = await importFile(database(), writeTemp("events.ndjson", lines.join("\n")));
    expect(report).toMatchObject({ lines: 4, accepted: 1, duplicates: 1 });
    expect(report.rejected.map((r) => r.line)).toEqual([2, 4]);
    expect(report.rejected[1]!.errors[0]).toMatch(/^verdict: /);
  });

  it("counts the same id in two workflows as two events and a repeat within one workflow as a duplicate", async () => {
    const first = anEvent("output", { id: "import-shared" });
    const other = { ...first, workflow: "crm-enrichment", cohort: "sales-pilot" };
    const report = await importFile(database(), writeTemp("shared.ndjson", [first, other, first].map((e) => JSON.stringify(e)).join("\n")));
    expect(report).toMatchObject({ lines: 3, accepted: 2, duplicates: 1, rejected: [] });
  });

  it("imports CSV with typed numbers and JSON properties, reporting the physical line", async () => {
    const completion = anEvent("completion", { durationMs: 4500 });
    const csv = [
      "id,type,workflow,cohort,taskId,occurredAt,mode,durationMs,properties",
      `${completion.id},completion,ticket-triage,support-pilot,${completion.taskId},2026-11-02T10:00:00Z,agent,4500,"{""channel"":""email""}"`,
      `bad-1,completion,ticket-triage,support-pilot,T-9,2026-11-02T10:00:00Z,agent,-5,`,
    ].join("\n");
    const report = await importFile(database(), writeTemp("events.csv", csv));
    expect(report).toMatchObject({ lines: 2, accepted: 1 });
    expect(report.rejected).toEqual([{ line: 3, errors: [expect.stringMatching(/^durationMs: /)] }]);
    const csat = await importFile(database(), writeTemp("feedback.csv", "id,type,workflow,cohort,taskId,occurredAt,score\ncsat-1,feedback,ticket-triage,support-pilot,T-1,2026-11-02T10:00:00Z,4\n"));
    expect(csat).toMatchObject({ accepted: 1, rejected: [] });
    const stored = await database().prisma.event.findUnique({ where: { workflow_id: { workflow: "ticket-triage", id: completion.id } } });
    expect(Number(stored?.durationMs)).toBe(4500);
    expect(JSON.parse(stored!.properties!)).toEqual({ channel: "email" });
  });
});
