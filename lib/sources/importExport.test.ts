// Imports of the sample exports on both databases: the summary, the directory, re-imports and overlapping exports
// that store nothing twice, an import stopped half-way and run again, dry runs, and the history.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase } from "@/lib/testing/databases";
import { testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { buildDemoProgram } from "@/lib/demo/program";
import { metricsReport } from "@/lib/reports/metricsReport";
import { listSourceImports } from "@/lib/db/queries/listSourceImports";
import type { Database } from "@/lib/db/database";
import { buildM365Sample, INVOICE_AGENT } from "./samples/story";
import { formatFiles, quirkFiles, sampleProgram } from "./samples/files";
import { managementNdjson, peopleCsv, purviewPortalCsv } from "./samples/render";
import { directoryCounts, importDirectory } from "./directory";
import { importFromSource } from "./importExport";

const END = new Date("2026-11-30T00:00:00Z");
const NOW = new Date("2026-12-01T00:00:00Z");
const sample = buildM365Sample({ records: 300, end: END });
const files = new Map([...formatFiles(sample), ...quirkFiles(sample)].map((f) => [f.name, f]));
const text = (name: string) => [...files.get(name)!.chunks()].join("");

async function* bytes(content: string, failAfter = Infinity): AsyncGenerator<Uint8Array> {
  const buffer = Buffer.from(content, "utf8");
  for (let at = 0; at < buffer.length; at += 4096) {
    if (at >= failAfter) throw new Error("connection lost");
    yield buffer.subarray(at, at + 4096);
  }
}

interface RunOptions {
  dryRun?: boolean;
  failAfter?: number;
  fileName?: string;
  eventsPerBatch?: number;
  threadFromBytes?: number;
  /** Named by its path (written to a file first), as the CLI does, instead of streamed. */
  asFile?: boolean;
  onProgress?: (progress: { bytes: number; records: number }) => void;
}

async function run(db: Database, source: string, content: string, options: RunOptions = {}) {
  const dir = options.asFile ? fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-export-")) : null;
  try {
    let input: { file: string } | { bytes: AsyncIterable<Uint8Array> } = { bytes: bytes(content, options.failAfter) };
    if (dir) {
      input = { file: path.join(dir, "export") };
      fs.writeFileSync(input.file, content);
    }
    return await importFromSource(db, {
      source,
      ...input,
      fileName: options.fileName ?? "export",
      dryRun: options.dryRun,
      actor: testActor,
      now: NOW,
      eventsPerBatch: options.eventsPerBatch ?? 1000,
      threadFromBytes: options.threadFromBytes,
      onProgress: options.onProgress,
    });
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

const storedM365 = async (db: Database, prefix: string) => (await db.sql.query<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "Event" WHERE "id" LIKE ?`, [`${prefix}%`]))[0]!.n;

describeEachDatabase("importing M365 exports", (database) => {
  beforeAll(async () => {
    await applyProgram(database(), { ...buildDemoProgram(END), ...sampleProgram(sample) }, testActor);
    const summary = await importDirectory(database(), bytes([...peopleCsv(sample.people, sample.departments)].join("")), { cohortFrom: "Department", actor: testActor, now: new Date("2026-09-01T00:00:00Z") });
    // 60 people, user and object id each; Engineering maps to no cohort.
    expect(summary).toMatchObject({ rows: 60, added: 96, moved: 0, unchanged: 0, skipped: 12, unmappedValues: { Engineering: 12 } });
  });

  it("keeps the directory as counts per cohort, never identifiers", async () => {
    const counts = await directoryCounts(database());
    expect(counts).toContainEqual({ cohort: "finance-pilot", kind: "objectId", people: 12 });
    expect(JSON.stringify(counts)).not.toContain("@contoso.example");
    const stored = await database().sql.query<{ person: string }>(`SELECT "person" FROM "DirectoryMember"`);
    const identifiers = new Set(sample.people.flatMap((p) => [p.user, p.objectId]));
    expect(stored.filter((row) => identifiers.has(row.person) || row.person.length !== 32)).toEqual([]);
  });

  it("dry-runs a Purview export: the summary, skips with examples, unmatched names, and nothing stored", async () => {
    const summary = await run(database(), "purview", text("purview-portal.csv"), { dryRun: true, fileName: "/home/admin/purview-portal.csv" });
    expect(summary).toMatchObject({ fileName: "purview-portal.csv", format: "csv", variants: ["Purview portal CSV export"], dryRun: true, warnings: [] });
    expect(summary.counts.records).toBe(300);
    expect(summary.counts.new).toBe(summary.counts.events);
    expect(summary.counts.alreadyImported).toBe(0);
    expect(summary.skipped.map((s) => s.reason).sort()).toEqual(["maker_test", "no_cohort", "not_copilot", "system_agent", "unmapped"]);
    for (const skip of summary.skipped) expect(skip.examples).toHaveLength(2);
    expect(summary.unmatched.agentName?.[0]?.value).toBe("Expense Helper");
    expect(summary.unmatched.appHost?.map((u) => u.value)).toEqual(expect.arrayContaining(["Word", "Excel", "Teams"]));
    expect(new Set(summary.events.map((e) => `${e.workflow}/${e.cohort}`))).toEqual(new Set(["invoice-coding/finance-pilot", "meeting-followups/sales-pilot"]));
    expect(summary.preview).toHaveLength(20);
    expect(JSON.stringify(summary.preview)).not.toContain("@contoso.example");
    expect(await storedM365(database(), "m365:")).toEqual(expect.anything());
    expect(Number(await storedM365(database(), "m365:"))).toBe(0);
  });

  it("counts an id as new in each workflow it is derived for: an id is unique within its workflow only", async () => {
    const mapped = (workflow: string) =>
      sample.purview.find((r) => {
        const data = r.CopilotEventData as { AppHost?: string } | undefined;
        return workflow === "invoice-coding" ? r.AgentName === INVOICE_AGENT.name : data?.AppHost === "Outlook" && r.AgentName !== INVOICE_AGENT.name;
      })!;
    // One record for each workflow, with the same Id and no messages: each derives the one output m365:<Id>.
    const twins = ["invoice-coding", "meeting-followups"].map((workflow) => {
      const record = mapped(workflow);
      return { ...record, Id: "twin-id", CopilotEventData: { ...(record.CopilotEventData as object), Messages: [] } };
    });
    const summary = await run(database(), "purview", [...managementNdjson(twins)].join(""), { dryRun: true });
    expect(summary.counts).toMatchObject({ records: 2, events: 2, new: 2, alreadyImported: 0 });
  });

  it("imports, then says everything is already imported: the same file, or the same records in another format", async () => {
    const dry = await run(database(), "purview", text("purview-portal.csv"), { dryRun: true });
    const first = await run(database(), "purview", text("purview-portal.csv"));
    expect(first.counts.new).toBe(dry.counts.new);
    expect(Number(await storedM365(database(), "m365:"))).toBe(first.counts.new);
    for (const name of ["purview-portal.csv", "purview-graph.json", "purview-management.ndjson", "purview-search.json"]) {
      const again = await run(database(), "purview", text(name));
      expect(again.counts, name).toMatchObject({ new: 0, alreadyImported: first.counts.events, errors: 0 });
    }
    expect(Number(await storedM365(database(), "m365:"))).toBe(first.counts.new);
    const history = await listSourceImports(database());
    expect(history[0]).toMatchObject({ source: "purview", fileName: "export", sha256: expect.stringMatching(/^[0-9a-f]{64}$/), finishedAt: expect.any(Date) });
    expect(history[0]!.counts).toMatchObject({ new: 0, alreadyImported: first.counts.events });
    const audit = await database().prisma.auditRecord.findMany({ where: { action: "source.import" } });
    expect(audit).toHaveLength(5);
    expect(audit.map((a) => a.after).join()).not.toContain("@contoso.example");
  });

  it("ends an import stopped half-way and run again with nothing lost or doubled", async () => {
    // Big enough that events are stored in several batches before the stream breaks.
    const big = buildM365Sample({ records: 3000, end: END });
    const content = [...formatFiles(big).find((f) => f.name === "transcripts.json")!.chunks()].join("");
    const clean = await run(database(), "support-transcripts", content, { dryRun: true });
    // Read on a thread: the events stored before the break stay, and the thread ends with the input.
    await expect(run(database(), "support-transcripts", content, { failAfter: Math.floor(content.length * 0.9), threadFromBytes: 0 })).rejects.toThrow("connection lost");
    const partial = Number(await storedM365(database(), "mcs:"));
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(clean.counts.new);
    const rerun = await run(database(), "support-transcripts", content);
    expect(rerun.counts.alreadyImported).toBe(partial);
    expect(Number(await storedM365(database(), "mcs:"))).toBe(clean.counts.new);
    const history = await listSourceImports(database());
    expect(history.filter((h) => h.source === "support-transcripts").map((h) => h.finishedAt === null)).toEqual([false, true]);
  });

  it("derives feedback from transcripts and shows it beside, never inside, the review-based rates", async () => {
    const report = await metricsReport(database(), { workflow: "ticket-triage", cohort: "support-pilot", from: "2026-10-26", to: "2026-11-30", granularity: "total" });
    const totals = report.series[0]!;
    expect(totals.feedbackRatings).toBeGreaterThan(0);
    expect(totals.csatMean.n).toBeGreaterThan(0);
    expect(totals.reviews).toBe(0);
    expect(totals.precision.value).toBeNull();
  });

  it("reports malformed rows by line and imports the rest; names a sessions file's skips", async () => {
    const malformed = await run(database(), "purview", text("quirk-malformed-row.csv"), { dryRun: true });
    expect(malformed.errors).toEqual([
      { line: 2, message: "AuditData is not valid JSON" },
      { line: 3, message: "the record has 3 cells where the header has 8" },
    ]);
    expect(malformed.counts.records).toBe(7);
    const sessions = await run(database(), "support-bot", text("copilot-studio-sessions.csv"));
    expect(sessions.skipped.map((s) => s.reason)).toEqual(["unengaged"]);
    expect(sessions.events.map((e) => e.type)).toEqual(["escalation", "output"]);
  });

  it("warns when a Purview CSV has exactly the export's row cap", async () => {
    const record = { CreationTime: "2026-11-02T09:00:00", Id: "x", RecordType: 50, Operation: "MailItemsAccessed", UserId: "a@b.example" };
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ ...record, Id: `r${i}` }));
    const summary = await run(database(), "purview", [...purviewPortalCsv(rows)].join(""), { dryRun: true });
    expect(summary.counts.records).toBe(50_000);
    expect(summary.warnings[0]).toMatch(/exactly 50,000 data rows, Purview's export limit/);
  });

  it("records a failed import in the history and alerts source.failing once, in the same transaction", async () => {
    const db = database();
    await applyProgram(db, { alerts: { channels: [{ key: "ops-hook", type: "webhook", urlEnv: "OPS_HOOK_URL_UNSET_IN_TESTS", secretEnv: "OPS_HOOK_SECRET_UNSET_IN_TESTS" }], rules: [{ on: ["source.failing"], channel: "ops-hook" }] } }, testActor);
    const source = sampleProgram(sample).sources[0]!.key;
    // Read on a thread, the parser's refusal is the same user-facing error, recorded as the history's reason.
    await expect(run(db, source, "this is not an export of any kind\n", { fileName: "notes.txt", threadFromBytes: 0 })).rejects.toThrow();
    const failed = (await listSourceImports(db)).filter((row) => row.fileName === "notes.txt");
    expect(failed).toHaveLength(1);
    const alerts = await db.prisma.alert.findMany({ where: { trigger: "source.failing" } });
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0]!.payload).data).toMatchObject({ source, error: expect.any(String) });
  });

  it("refuses an unknown source, naming the program's", async () => {
    await expect(run(database(), "nope", "x")).rejects.toThrow(/unknown source "nope"; the program's sources are purview, support-bot, support-transcripts/);
  });
});

describeEachDatabase("importing in batches of any size", (_database, dialect) => {
  // More records than are derived together (500), so the directory's people repeat across batches.
  const big = buildM365Sample({ records: 1200, end: END });
  const content = [...purviewPortalCsv(big.purview)].join("");

  it("stores the same events and gives the same summary (its SHA-256 too) whether it commits every 7, 1,000 or 10,000 events, reading a stream or a file, here or on a thread", async () => {
    const outcomes = [];
    const variants: RunOptions[] = [
      { eventsPerBatch: 7 },
      { eventsPerBatch: 1000, threadFromBytes: 0 },
      { eventsPerBatch: 10_000 },
      { eventsPerBatch: 10_000, threadFromBytes: 0 },
      { eventsPerBatch: 1000, asFile: true },
      { eventsPerBatch: 1000, threadFromBytes: 0, asFile: true },
    ];
    for (const variant of variants) {
      const test = await createTestDatabase(dialect);
      try {
        await applyProgram(test.db, { ...buildDemoProgram(END), ...sampleProgram(big) }, testActor);
        await importDirectory(test.db, bytes([...peopleCsv(big.people, big.departments)].join("")), { cohortFrom: "Department", actor: testActor, now: new Date("2026-09-01T00:00:00Z") });
        const summary = await run(test.db, "purview", content, variant);
        const stored = await test.db.sql.query(`SELECT "id", "workflow", "cohort", "type", "actor", "taskId" FROM "Event" WHERE "id" LIKE 'm365:%' ORDER BY "workflow", "id"`);
        outcomes.push({ summary, stored });
      } finally {
        await test.drop();
      }
    }
    const [first, ...others] = outcomes;
    expect(first!.summary.counts).toMatchObject({ records: 1200, alreadyImported: 0, errors: 0 });
    expect(first!.summary).toMatchObject({ sha256: crypto.createHash("sha256").update(content).digest("hex"), bytes: Buffer.byteLength(content) });
    expect(first!.stored).toHaveLength(first!.summary.counts.new);
    expect(new Set(first!.summary.events.map((e) => e.cohort)).size).toBeGreaterThan(1);
    for (const other of others) expect(other).toEqual(first);
  });

  it("reports its progress in records and bytes up to the whole file, reading a stream here or a file on a thread", async () => {
    for (const variant of [{}, { threadFromBytes: 0, asFile: true }] satisfies RunOptions[]) {
      const test = await createTestDatabase(dialect);
      try {
        await applyProgram(test.db, { ...buildDemoProgram(END), ...sampleProgram(big) }, testActor);
        const reports: { bytes: number; records: number }[] = [];
        await run(test.db, "purview", content, { ...variant, onProgress: (progress) => reports.push(progress) });
        expect(reports.length).toBeGreaterThan(1);
        for (const [i, report] of reports.entries()) {
          expect(report.records).toBeGreaterThanOrEqual(reports[i - 1]?.records ?? 1);
          expect(report.bytes).toBeGreaterThanOrEqual(reports[i - 1]?.bytes ?? 1);
        }
        expect(reports.at(-1)).toEqual({ records: 1200, bytes: Buffer.byteLength(content) });
      } finally {
        await test.drop();
      }
    }
  });

  it("counts each event new once when two imports of one file run at once: new is what the import stored", async () => {
    const test = await createTestDatabase(dialect);
    try {
      await applyProgram(test.db, { ...buildDemoProgram(END), ...sampleProgram(big) }, testActor);
      await importDirectory(test.db, bytes([...peopleCsv(big.people, big.departments)].join("")), { cohortFrom: "Department", actor: testActor, now: new Date("2026-09-01T00:00:00Z") });
      const [a, b] = await Promise.all([run(test.db, "purview", content, { eventsPerBatch: 7 }), run(test.db, "purview", content, { eventsPerBatch: 7 })]);
      const stored = Number((await test.db.sql.query<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "Event" WHERE "id" LIKE 'm365:%'`))[0]!.n);
      expect(a.counts.new + b.counts.new).toBe(stored);
      expect(a.counts.new + a.counts.alreadyImported).toBe(stored);
      expect(b.counts.new + b.counts.alreadyImported).toBe(stored);
    } finally {
      await test.drop();
    }
  });
});
