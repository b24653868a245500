// Pulls against the local stand-in (lib/testing/m365StandIn.ts), on both databases: first run, incremental runs, late
// records, overlapping windows, two pullers on one source, refused credentials, faults in what Microsoft answers
// (429s, a blob that is not JSON, a record without an Id, a looping page link, a token expiring mid-run). After each,
// the stored events are exactly those a file import of the same records stores: nothing lost, nothing doubled.
import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testActor } from "@/lib/testing/fixtures";
import { blobsOf, startM365StandIn, STAND_IN_SECRET, type M365StandIn } from "@/lib/testing/m365StandIn";
import { applyProgram } from "@/lib/program/applyProgram";
import { buildDemoProgram } from "@/lib/demo/program";
import type { Database } from "@/lib/db/database";
import { readSourcePulls } from "@/lib/db/queries/readSourcePulls";
import { buildM365Sample } from "@/lib/sources/samples/story";
import { sampleProgram } from "@/lib/sources/samples/files";
import { managementJson, peopleCsv, transcriptsJson } from "@/lib/sources/samples/render";
import { importDirectory } from "@/lib/sources/directory";
import { importFromSource } from "@/lib/sources/importExport";
import { ConflictError } from "@/lib/errors";
import { PullError } from "./errors";
import { DEFAULT_RETRY, retryAfterMs } from "./http";
import { windowsOf } from "./management";
import { Feed } from "./feed";
import { pullNow, pullDueSources } from "./jobs";
import { pullSource, type PullOptions } from "./run";
import { pullStatuses } from "./status";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const END = new Date(Date.UTC(2026, 10, 30));
const sample = buildM365Sample({ records: 900, end: END, seed: 5 });
const FAST = { ...DEFAULT_RETRY, baseDelayMs: 1, maxDelayMs: 5, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };

/** The sample program with both pulling sources pointed at the stand-in. */
function pullProgram(standIn: M365StandIn) {
  const program = sampleProgram(sample);
  return {
    ...program,
    sources: program.sources.map((source) =>
      source.type === "purview-audit"
        ? { ...source, pull: { every: "15m" } }
        : source.type === "copilot-studio-transcripts"
          ? { ...source, pull: { every: "15m", trailing: "2h" }, dataverseUrl: standIn.dataverseUrl }
          : source,
    ),
  };
}

const sourceAlerts = async (db: Database) =>
  (await db.sql.query<{ payload: string }>(`SELECT "payload" FROM "Alert" WHERE "trigger" = 'source.failing' ORDER BY "createdAt"`)).map((a) => (JSON.parse(a.payload) as { data: { error: string } }).data.error);

const countM365 = async (db: Database, prefix = "m365:") => Number((await db.sql.query<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "Event" WHERE "id" LIKE ?`, [`${prefix}%`]))[0]!.n);

/** What importing the records of these blobs as a file would store, counted by a dry run on an empty database state. */
async function expectedEvents(db: Database, records: Record<string, unknown>[]): Promise<number> {
  const summary = await importFromSource(db, { source: "purview", bytes: Readable.from(managementJson(records)), fileName: "expected.json", dryRun: true, actor: testActor });
  return summary.counts.new + summary.counts.alreadyImported;
}

const recordsListedIn = (standIn: M365StandIn, from: Date, to: Date) =>
  standIn.blobs.filter((b) => b.contentCreated >= from && b.contentCreated < to && typeof b.records !== "string").flatMap((b) => b.records as Record<string, unknown>[]);

describe("pull helpers", () => {
  it("splits a range into windows of at most 24 hours", () => {
    const windows = windowsOf(new Date(0), new Date(50 * HOUR));
    expect(windows.map((w) => (w.end.getTime() - w.start.getTime()) / HOUR)).toEqual([24, 24, 2]);
    expect(windows[1]!.start).toEqual(windows[0]!.end);
  });

  it("numbers fetched records as an NDJSON file's lines, reporting one that is not an object", () => {
    const feed = new Feed();
    expect([{ Id: "a" }, null, [1], { Id: "b" }].map((record) => feed.item(record))).toEqual([
      { line: 1, record: { Id: "a" } },
      { line: 2, error: "is not a JSON object" },
      { line: 3, error: "is not a JSON object" },
      { line: 4, record: { Id: "b" } },
    ]);
  });

  it("reads Retry-After in seconds or as a date", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs("soon")).toBeNull();
  });
});

describeEachDatabase("pulls from Microsoft 365", (database) => {
  let standIn: M365StandIn;
  let options: PullOptions;
  /** Records that derive events (mapped, with a cohort), to copy for the late and faulty ones. */
  const mapped: Record<string, unknown>[] = [];

  beforeAll(async () => {
    standIn = await startM365StandIn();
    options = { env: standIn.env, retry: FAST };
    // source.failing alerts go to a Teams channel, so the outbox shows which failures alert.
    const alerts = { channels: [{ key: "ops", type: "teams" as const, urlEnv: "PULL_TEST_TEAMS_URL" }], rules: [{ on: ["source.failing" as const], channel: "ops" }] };
    await applyProgram(database(), { ...buildDemoProgram(END), ...pullProgram(standIn), alerts }, testActor);
    await importDirectory(database(), Readable.from(peopleCsv(sample.people, sample.departments)), { cohortFrom: "department", actor: testActor });
    for (const record of sample.purview.slice(-40)) if (mapped.length < 8 && (await expectedEvents(database(), [record])) > 0) mapped.push(record);
  });
  afterAll(() => standIn.close());

  describe("the Management Activity API", () => {
    beforeEach(() => {
      standIn.blobs = blobsOf(sample.purview);
    });

    it("first run: starts the subscription, reads the 7 days the API keeps, pages and retries, stores what a file import stores", async () => {
      const db = database();
      standIn.faults.listing429 = 2;
      const progress: number[] = [];
      const summary = await pullSource(db, "purview", { ...options, now: END, onProgress: ({ records }) => progress.push(records) });
      // What `tollgate pull` shows as it goes: records read so far, up to all of them.
      expect(progress.at(-1)).toBe(summary.import.counts.records);
      expect(summary.import.counts.records).toBeGreaterThan(0);
      expect(standIn.subscriptionEnabled).toBe(true);
      expect(summary.retries).toBeGreaterThanOrEqual(2);
      expect(standIn.log.some((line) => line.includes("nextPage=1"))).toBe(true);
      const from = new Date(summary.from);
      expect(END.getTime() - from.getTime()).toBeLessThanOrEqual(7 * DAY);
      expect(END.getTime() - from.getTime()).toBeGreaterThan(6 * DAY);
      const expected = await expectedEvents(db, recordsListedIn(standIn, from, END));
      expect(expected).toBeGreaterThan(50);
      expect(summary.import.counts).toMatchObject({ new: expected, alreadyImported: 0, errors: 0 });
      expect(await countM365(db)).toBe(expected);
      const state = (await readSourcePulls(db.sql, "purview")).get("purview")!;
      expect(state).toMatchObject({ lastOutcome: "ok", problem: null, watermark: END });
    });

    it("incremental runs re-read the trailing window: late records are stored once, nothing doubles", async () => {
      const db = database();
      const before = await countM365(db);
      // A record written 20 hours before the watermark that Microsoft lists only now (late), and a new hour's blob.
      const late = { ...mapped[0]!, Id: "late-record-0001", CreationTime: new Date(END.getTime() - 20 * HOUR).toISOString().slice(0, 19) };
      const fresh = { ...mapped[1]!, Id: "fresh-record-0001", CreationTime: new Date(END.getTime() + 10 * 60_000).toISOString().slice(0, 19) };
      standIn.blobs.push({ contentId: "late", contentCreated: new Date(END.getTime() + 30 * 60_000), records: [late] }, { contentId: "fresh", contentCreated: new Date(END.getTime() + 40 * 60_000), records: [fresh] });
      // A record the first run stored, listed again in another blob.
      standIn.blobs.push({ contentId: "relisted", contentCreated: new Date(END.getTime() + 35 * 60_000), records: [mapped[2]!] });
      const added = await expectedEvents(db, [late, fresh]);
      const summary = await pullSource(db, "purview", { ...options, now: new Date(END.getTime() + HOUR) });
      expect(new Date(summary.from)).toEqual(new Date(END.getTime() - DAY));
      expect(summary.import.counts.new).toBe(added);
      expect(summary.import.counts.alreadyImported).toBeGreaterThan(0);
      expect(await countM365(db)).toBe(before + added);
      // The same hour again: all of it already imported.
      const again = await pullSource(db, "purview", { ...options, now: new Date(END.getTime() + HOUR) });
      expect(again.import.counts.new).toBe(0);
      expect(await countM365(db)).toBe(before + added);
    });

    it("overlapping windows (--since before the watermark) store nothing twice", async () => {
      const db = database();
      const before = await countM365(db);
      const summary = await pullSource(db, "purview", { ...options, since: new Date(END.getTime() - 3 * DAY), now: new Date(END.getTime() + 2 * HOUR) });
      expect(summary.import.counts.new).toBe(0);
      expect(summary.import.counts.alreadyImported).toBeGreaterThan(0);
      expect(await countM365(db)).toBe(before);
    });

    it("records imported from a file and then pulled are stored once: the pull derives the file import's ids", async () => {
      const db = database();
      const at = END.getTime() + 2 * HOUR + 30 * 60_000;
      const records = mapped.slice(5, 8).map((r, i) => ({ ...r, Id: `file-then-pull-${i}`, CreationTime: new Date(at - 20 * 60_000).toISOString().slice(0, 19) }));
      const file = await importFromSource(db, { source: "purview", bytes: Readable.from(managementJson(records)), fileName: "upload.json", actor: testActor });
      expect(file.counts.new).toBeGreaterThan(0);
      standIn.blobs.push({ contentId: "uploaded-too", contentCreated: new Date(at - 10 * 60_000), records });
      const before = await countM365(db);
      const pulled = await pullSource(db, "purview", { ...options, now: new Date(at) });
      expect(pulled.import.counts.new).toBe(0);
      expect(pulled.import.counts.alreadyImported).toBeGreaterThanOrEqual(file.counts.new);
      expect(await countM365(db)).toBe(before);
    });

    it("a blob that is not JSON, a record without an Id, a token expiring mid-run: the rest is stored, each is reported", async () => {
      const db = database();
      const at = END.getTime() + 3 * HOUR;
      const good = mapped.slice(2, 5).map((r, i) => ({ ...r, Id: `fault-run-${i}`, CreationTime: new Date(at - HOUR).toISOString().slice(0, 19) }));
      const noId = Object.fromEntries(Object.entries(good[0]!).filter(([k]) => k !== "Id"));
      standIn.blobs.push(
        { contentId: "broken", contentCreated: new Date(at - 50 * 60_000), records: '[{"CreationTime": "2026-11-30T01:00:00", "Id": ' },
        { contentId: "mixed", contentCreated: new Date(at - 40 * 60_000), records: [...good, noId] },
      );
      standIn.faults.expireTokensAfter = 3;
      const tokensBefore = standIn.counts.tokens;
      const before = await countM365(db);
      const summary = await pullSource(db, "purview", { ...options, now: new Date(at) });
      expect(standIn.counts.expiredTokenAnswers).toBeGreaterThan(0);
      expect(standIn.counts.tokens).toBe(tokensBefore + 1);
      expect(summary.problems).toEqual([expect.stringContaining("Blob broken is not JSON")]);
      expect(summary.import.errors).toEqual([expect.objectContaining({ message: expect.stringContaining("no Id") })]);
      const added = await expectedEvents(db, good);
      expect(added).toBeGreaterThan(0);
      const [status] = (await pullStatuses(db, new Date(at), standIn.env)).filter((p) => p.source === "purview");
      expect(status).toMatchObject({ connected: true, why: null, unreadable: 1, problems: [expect.stringContaining("Blob broken is not JSON")], behindMs: 0 });
      expect(await countM365(db)).toBe(before + added);
    });

    it("a looping page link stops the run; the watermark stays where the last finished run left it", async () => {
      const db = database();
      const watermark = (await readSourcePulls(db.sql, "purview")).get("purview")!.watermark;
      const at = END.getTime() + 4 * HOUR;
      for (let i = 0; i < 5; i++) standIn.blobs.push({ contentId: `loop-${i}`, contentCreated: new Date(at - (i + 1) * 60_000), records: [mapped[3]!] });
      standIn.faults.loopAfterPages = 2;
      try {
        await expect(pullSource(db, "purview", { ...options, now: new Date(at) })).rejects.toThrow(/leads back to a page already read/);
      } finally {
        standIn.faults.loopAfterPages = null;
      }
      const state = (await readSourcePulls(db.sql, "purview")).get("purview")!;
      expect(state).toMatchObject({ lastOutcome: "failed", problem: "bad_response", watermark });
    });

    it("two pullers of one source: one runs, the other is told another process is pulling", async () => {
      const db = database();
      const before = await countM365(db);
      const runs = await Promise.allSettled([pullNow(db, "purview", { ...options, now: new Date(END.getTime() + 5 * HOUR) }), pullNow(db, "purview", { ...options, now: new Date(END.getTime() + 5 * HOUR) })]);
      expect(runs.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = runs.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(ConflictError);
      expect(await countM365(db)).toBe(before);
    });

    it("the scheduler pulls a due source once per interval", async () => {
      const db = database();
      const now = new Date(END.getTime() + 6 * HOUR);
      expect((await pullDueSources(db, now, standIn.env)).filter((line) => line.startsWith("Pull purview"))).toHaveLength(1);
      expect((await pullDueSources(db, new Date(now.getTime() + 60_000), standIn.env)).filter((line) => line.startsWith("Pull purview"))).toHaveLength(0);
      expect((await pullDueSources(db, new Date(now.getTime() + 16 * 60_000), standIn.env)).filter((line) => line.startsWith("Pull purview"))).toHaveLength(1);
      expect(await pullDueSources(db, now, {})).toEqual([]);
    });

    it("no records for a day from a source that had them is recorded for the alerts, once", async () => {
      const db = database();
      standIn.blobs = [];
      const last = (await readSourcePulls(db.sql, "purview")).get("purview")!.lastRecordsAt!;
      const quietAlerts = async () => (await sourceAlerts(db)).filter((error) => error.startsWith("No records"));
      await pullSource(db, "purview", { ...options, now: new Date(last.getTime() + 25 * HOUR) });
      expect(await quietAlerts()).toEqual(["No records for 1 day(s) from a source that had them."]);
      const quiet = (await readSourcePulls(db.sql, "purview")).get("purview")!;
      expect(quiet.quietAlertedAt).toEqual(new Date(last.getTime() + 25 * HOUR));
      await pullSource(db, "purview", { ...options, now: new Date(last.getTime() + 26 * HOUR) });
      expect((await readSourcePulls(db.sql, "purview")).get("purview")!.quietAlertedAt).toEqual(quiet.quietAlertedAt);
      expect(await quietAlerts()).toHaveLength(1);
    });

    it("a subscription an admin disabled is told as such; one not yet started is started", async () => {
      const db = database();
      standIn.subscriptionEnabled = false;
      standIn.faults.startRefused = "AF20023";
      try {
        const error = (await pullSource(db, "purview", { ...options, now: new Date(END.getTime() + 6 * HOUR + 30 * 60_000) }).catch((e: unknown) => e)) as PullError;
        expect(error.problem).toBe("subscription_disabled");
        expect(error.message).toMatch(/Audit\.General subscription is disabled \(AF20023\)/);
      } finally {
        standIn.faults.startRefused = null;
      }
      await pullSource(db, "purview", { ...options, now: new Date(END.getTime() + 6 * HOUR + 40 * 60_000) });
      expect(standIn.subscriptionEnabled).toBe(true);
    });

    it("missing permission and refused credentials are told in words, and the secret appears nowhere", async () => {
      const db = database();
      // The run before succeeded: the first failure alerts, a failure for another reason alerts, a repeat does not.
      await pullSource(db, "purview", { ...options, now: new Date(END.getTime() + 7 * HOUR - 60_000) });
      const alertsBefore = (await sourceAlerts(db)).length;
      standIn.faults.forbidden = true;
      try {
        await expect(pullSource(db, "purview", { ...options, now: new Date(END.getTime() + 7 * HOUR) })).rejects.toThrow(/ActivityFeed\.Read/);
      } finally {
        standIn.faults.forbidden = false;
      }
      expect((await readSourcePulls(db.sql, "purview")).get("purview")!.problem).toBe("permission_missing");
      const wrong = "wrong-secret-Zz9~do-not-show";
      const refusal = await pullSource(db, "purview", { ...options, env: { ...standIn.env, TOLLGATE_M365_CLIENT_SECRET: wrong }, now: new Date(END.getTime() + 8 * HOUR) }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(PullError);
      expect((refusal as PullError).problem).toBe("auth_refused");
      expect((refusal as PullError).message).toMatch(/client secret is wrong \(AADSTS7000215\)/);
      await expect(pullSource(db, "purview", { ...options, env: { ...standIn.env, TOLLGATE_M365_CLIENT_SECRET: wrong }, now: new Date(END.getTime() + 9 * HOUR) })).rejects.toThrow(PullError);
      const added = (await sourceAlerts(db)).slice(alertsBefore);
      expect(added).toHaveLength(2);
      expect(added).toEqual(expect.arrayContaining([expect.stringMatching(/ActivityFeed\.Read/), expect.stringMatching(/AADSTS7000215/)]));
      const missing = await pullSource(db, "purview", { ...options, env: {}, now: new Date(END.getTime() + 8 * HOUR) }).catch((e: unknown) => e);
      expect((missing as PullError).problem).toBe("not_configured");
      // Every table a failure writes to: the history, the pull state, the audit trail, the alert outbox, the job.
      for (const table of ["SourceImport", "SourcePull", "AuditRecord", "Alert", "Job"]) {
        const rows = await db.sql.query<Record<string, unknown>>(`SELECT * FROM "${table}"`);
        const text = JSON.stringify(rows);
        expect(text, table).not.toContain(wrong);
        expect(text, table).not.toContain(STAND_IN_SECRET);
        expect(text, table).not.toMatch(/tok-[0-9a-f]{24}/);
      }
      expect((refusal as Error).message).not.toContain(wrong);
      expect((refusal as Error).stack ?? "").not.toContain(wrong);
    });
  });

  describe("the Management Activity API after a long pause", () => {
    it("says which records can no longer be pulled when the last pull is older than the 7 days Microsoft keeps", async () => {
      const db = database();
      const watermark = (await readSourcePulls(db.sql, "purview")).get("purview")!.watermark!;
      const summary = await pullSource(db, "purview", { ...options, now: new Date(watermark.getTime() + 9 * DAY) });
      expect(summary.problems).toEqual([expect.stringMatching(new RegExp(`last pull read up to ${watermark.toISOString()}; .* can no longer be pulled: import a Purview audit export`))]);
      expect(new Date(summary.from).getTime()).toBeGreaterThan(watermark.getTime() + 2 * DAY);
    });
  });

  describe("Dataverse transcripts", () => {
    const rowsOf = (rows: typeof sample.transcripts) => rows.map((row) => ({ ...row, modifiedon: row.createdon }));
    const transcriptEvents = (db: Database) => countM365(db, "mcs:");

    it("first run and incremental runs follow @odata.nextLink and the modifiedon watermark", async () => {
      const db = database();
      const all = rowsOf(sample.transcripts);
      const cut = all.length - 5;
      standIn.rows = all.slice(0, cut);
      const first = await pullSource(db, "support-transcripts", { ...options, now: END });
      expect(standIn.counts.dataversePages).toBeGreaterThan(1);
      const expectedFirst = await importFromSource(db, { source: "support-transcripts", bytes: Readable.from(transcriptsJson(all.slice(0, cut))), fileName: "x.json", dryRun: true, actor: testActor });
      expect(first.import.counts.new).toBe(expectedFirst.counts.alreadyImported);
      expect(await transcriptEvents(db)).toBe(first.import.counts.new);
      expect(first.watermark).toBe(new Date(all[cut - 1]!.modifiedon).toISOString());

      standIn.rows = all;
      const second = await pullSource(db, "support-transcripts", { ...options, now: END });
      const expectedAll = await importFromSource(db, { source: "support-transcripts", bytes: Readable.from(transcriptsJson(all)), fileName: "x.json", dryRun: true, actor: testActor });
      expect(await transcriptEvents(db)).toBe(expectedAll.counts.new + expectedAll.counts.alreadyImported);
      expect(second.import.counts.new).toBe(expectedAll.counts.alreadyImported - expectedFirst.counts.alreadyImported);
      expect(new Date(second.from).getTime()).toBe(new Date(first.watermark).getTime() - 2 * HOUR);
    });
  });
});
