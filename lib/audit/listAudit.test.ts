import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { describeEachDatabase } from "@/lib/testing/databases";
import { appendAudit, type Actor } from "./audit";
import { listAudit } from "./listAudit";
import { auditCsv, auditCsvStream } from "./auditCsv";

const alice: Actor = { type: "user", name: "alice@example.com", source: "10.0.0.1" };
const agent: Actor = { type: "key", name: "ticket-agent", source: "10.0.0.2" };
const evil: Actor = { type: "anonymous", name: "=HYPERLINK(\"http://x\")", source: null };

async function readStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describeEachDatabase(
  "listAudit",
  (database) => {
    beforeAll(async () => {
      const db = database().prisma;
      // Berlin is UTC+1 in November: 2026-11-02 local runs from 2026-11-01T23:00Z to 2026-11-02T23:00Z.
      await appendAudit(db, alice, { action: "key.create", target: "ticket-agent", after: { scopes: ["ingest"] } }, new Date("2026-11-01T22:30:00Z"));
      await appendAudit(db, alice, { action: "key.revoke", target: "ticket-agent" }, new Date("2026-11-01T23:30:00Z"));
      await appendAudit(db, agent, { action: "program.apply", target: null, before: { a: 1 }, after: { a: 2 } }, new Date("2026-11-02T12:00:00Z"));
      await appendAudit(db, evil, { action: "auth.sign_in_failed", target: "=cmd|' /C calc'!A0" }, new Date("2026-11-02T22:59:00Z"));
      await appendAudit(db, alice, { action: "keyring.other", target: "x" }, new Date("2026-11-03T08:00:00Z"));
    });

    it("lists newest first with parsed before and after", async () => {
      const page = await listAudit(database());
      expect(page.records.map((r) => r.action)).toEqual(["keyring.other", "auth.sign_in_failed", "program.apply", "key.revoke", "key.create"]);
      expect(page.records[2]).toMatchObject({ actorType: "key", actor: "ticket-agent", source: "10.0.0.2", before: { a: 1 }, after: { a: 2 } });
      expect(page.records[4]!.at).toEqual(new Date("2026-11-01T22:30:00Z"));
      expect(page.records[3]!.after).toBeNull();
      expect(page.nextBefore).toBeNull();
    });

    it("turns local dates into instants in the installation timezone", async () => {
      const page = await listAudit(database(), { from: "2026-11-02", to: "2026-11-02" });
      expect(page.records.map((r) => r.action)).toEqual(["auth.sign_in_failed", "program.apply", "key.revoke"]);
      expect((await listAudit(database(), { from: "2026-11-03" })).records.map((r) => r.action)).toEqual(["keyring.other"]);
      expect((await listAudit(database(), { to: "2026-11-01" })).records.map((r) => r.action)).toEqual(["key.create"]);
    });

    it("filters by actor (part, any case, or exact), actor type, action (exact or prefix) and target", async () => {
      const actions = async (filter: Parameters<typeof listAudit>[1]) => (await listAudit(database(), filter)).records.map((r) => r.action);
      expect(await actions({ actor: "ALICE" })).toEqual(["keyring.other", "key.revoke", "key.create"]);
      expect(await actions({ actor: "alice", actorMatch: "exact" })).toEqual([]);
      expect(await actions({ actor: "alice@example.com", actorMatch: "exact" })).toEqual(["keyring.other", "key.revoke", "key.create"]);
      expect(await actions({ actorType: "key" })).toEqual(["program.apply"]);
      expect(await actions({ action: "key." })).toEqual(["key.revoke", "key.create"]);
      expect(await actions({ action: "key" })).toEqual([]);
      expect(await actions({ action: "key.create" })).toEqual(["key.create"]);
      expect(await actions({ target: "ticket-agent" })).toEqual(["key.revoke", "key.create"]);
      expect(await actions({ target: "ticket" })).toEqual([]);
      expect(await actions({ actor: "100%_" })).toEqual([]);
    });

    it("pages by sequence number", async () => {
      const first = await listAudit(database(), { limit: 2 });
      expect(first.records.map((r) => r.action)).toEqual(["keyring.other", "auth.sign_in_failed"]);
      expect(first.nextBefore).toBe(first.records[1]!.seq);
      const second = await listAudit(database(), { limit: 2, before: first.nextBefore! });
      expect(second.records.map((r) => r.action)).toEqual(["program.apply", "key.revoke"]);
      const third = await listAudit(database(), { limit: 2, before: second.nextBefore! });
      expect(third.records.map((r) => r.action)).toEqual(["key.create"]);
      expect(third.nextBefore).toBeNull();
    });

    it("streams every matching record as CSV, up to the cap", async () => {
      const csv = await readStream(auditCsvStream(database(), {}));
      expect(csv.startsWith("seq,at,actor_type,actor,action,target,source,before,after,count\r\n")).toBe(true);
      const rows = parse(csv, { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.action)).toEqual(["keyring.other", "auth.sign_in_failed", "program.apply", "key.revoke", "key.create"]);
      expect(rows[1]).toMatchObject({ actor: "'=HYPERLINK(\"http://x\")", target: "'=cmd|' /C calc'!A0", source: "", count: "1" });
      expect(JSON.parse(rows[2]!.after!)).toEqual({ a: 2 });
      expect(rows[4]!.at).toBe("2026-11-01T22:30:00.000Z");

      const capped = parse(await readStream(auditCsvStream(database(), { action: "key." }, 1)), { columns: true });
      expect(capped).toHaveLength(1);
      expect(await readStream(auditCsvStream(database(), { actor: "nobody" }))).toBe("seq,at,actor_type,actor,action,target,source,before,after,count\r\n");
    });

    it("takes % and _ in a filter as themselves, not as wildcards", async () => {
      const db = database().prisma;
      const at = new Date("2026-12-01T12:00:00Z");
      await appendAudit(db, { type: "key", name: "ops_agent", source: null }, { action: "legal_hold.place" }, at);
      await appendAudit(db, { type: "key", name: "opsXagent", source: null }, { action: "legalXhold.place" }, at);
      await appendAudit(db, { type: "key", name: "50%-agent", source: null }, { action: "key.create" }, at);
      const actors = async (filter: Parameters<typeof listAudit>[1]) => (await listAudit(database(), { from: "2026-12-01", ...filter })).records.map((r) => r.actor);
      expect(await actors({ actor: "s_a" })).toEqual(["ops_agent"]);
      expect(await actors({ actor: "OPS_" })).toEqual(["ops_agent"]);
      expect(await actors({ actor: "0%-" })).toEqual(["50%-agent"]);
      expect(await actors({ action: "legal_hold." })).toEqual(["ops_agent"]);
    });
  },
  { timezone: "Europe/Berlin" },
);

describe("auditCsv", () => {
  it("neutralizes formulas in text cells and in JSON", () => {
    const csv = auditCsv([
      { seq: 1, at: new Date("2026-01-01T00:00:00Z"), actorType: "user", actor: "+1 555", action: "@x", target: "-y", source: null, before: "=1+1", after: null, count: 3 },
    ]);
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ seq: "1", actor: "'+1 555", action: "'@x", target: "'-y", before: '"=1+1"', after: "", count: "3" });
  });
});
