import { beforeAll, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testActor } from "@/lib/testing/fixtures";
import { setAppDatabase } from "@/lib/db/database";
import { appendAudit } from "@/lib/audit/audit";
import { createApiKey } from "@/lib/auth/keys";
import { routeParams, sessionRequest, signedInUser, type TestSession } from "@/lib/testing/sessions";
import { auditPage } from "@/lib/contract/responses/admin";
import { GET } from "./route";

describeEachDatabase("GET /api/v1/audit", (database) => {
  let admin: TestSession;
  let viewer: TestSession;
  let adminKey: string;
  let readKey: string;
  beforeAll(async () => {
    admin = await signedInUser(database(), ["admin"]);
    viewer = await signedInUser(database(), ["viewer", "board", "owner"]);
    adminKey = (await createApiKey(database(), { name: "it-admin", scopes: ["admin"] }, testActor)).secret;
    readKey = (await createApiKey(database(), { name: "it-read", scopes: ["read"] }, testActor)).secret;
    const at = new Date("2026-11-02T10:00:00Z");
    await appendAudit(database().prisma, { type: "anonymous", name: '=HYPERLINK("http://evil","x")', source: "1.2.3.4" }, { action: "auth.sign_in_failed", target: "-2+3", after: { reason: "unknown email" } }, at);
    for (let i = 0; i < 5; i++) await appendAudit(database().prisma, { type: "cli", name: "ops", source: "cli" }, { action: "program.apply", target: `w${i}` }, at);
  });

  const get = (query: string, session: TestSession | null = admin, headers: Record<string, string> = {}) => {
    setAppDatabase(database());
    return GET(sessionRequest(`/api/v1/audit?${query}`, session, { headers }), routeParams());
  };

  it("is for admins and admin keys only", async () => {
    expect((await get("", viewer)).status).toBe(403);
    expect((await get("", null)).status).toBe(401);
    expect((await get("", null, { authorization: `Bearer ${readKey}` })).status).toBe(403);
    expect((await get("", null, { authorization: `Bearer ${adminKey}` })).status).toBe(200);
  });

  it("lists newest first with filters and keyset paging", async () => {
    const first = await (await get("action=program.&limit=3")).json();
    expect(first.records.map((r: { target: string }) => r.target)).toEqual(["w4", "w3", "w2"]);
    expect(first.records[0]).toMatchObject({ actorType: "cli", actor: "ops", source: "cli", at: "2026-11-02T10:00:00.000Z", before: null, after: null });
    const second = await (await get(`action=program.&limit=3&before=${first.nextBefore}`)).json();
    expect(second.records.map((r: { target: string }) => r.target)).toEqual(["w1", "w0"]);
    expect(second.nextBefore).toBeNull();
    const failed = await (await get("actor=hyperlink&from=2026-11-02&to=2026-11-02")).json();
    expect(failed.records).toEqual([expect.objectContaining({ action: "auth.sign_in_failed", after: { reason: "unknown email" } })]);
    expect((await (await get("from=2026-11-03")).json()).records.filter((r: { action: string }) => r.action !== "key.create" && r.action !== "user.create")).toEqual([]);
  });

  it("answers the documented shape, each record with its count", async () => {
    const page = await (await get("action=program.&limit=2")).json();
    expect(auditPage.safeParse(page).success).toBe(true);
    expect(page.records.map((r: { count: number }) => r.count)).toEqual([1, 1]);
  });

  it.each([
    ["from=2026-13-01", "from"],
    ["from=2026-11-05&to=2026-11-01", "from"],
    ["limit=0", "limit"],
    ["limit=5000", "limit"],
    ["before=-1", "before"],
    ["actorType=robot", "actorType"],
    ["format=xlsx", "format"],
    ["colour=red", "colour"],
  ])("answers 400 naming the parameter for %s", async (query, parameter) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    expect((await response.json()).error.errors.map((e: { path: string }) => e.path)).toContain(parameter);
  });

  it("exports CSV as an attachment, with formula-like cells neutralized", async () => {
    const response = await get("format=csv&limit=1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="tollgate-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await response.text();
    expect(text).toContain("\r\n");
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    // limit pages the JSON listing only: the export holds every matching record.
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const failed = rows.find((r) => r.action === "auth.sign_in_failed")!;
    expect(failed.actor).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(failed.target).toBe("'-2+3");
    expect(JSON.parse(failed.after!)).toEqual({ reason: "unknown email" });
    const filtered = parse(await (await get("format=csv&action=program.apply&target=w2")).text(), { columns: true });
    expect(filtered).toEqual([expect.objectContaining({ target: "w2", actor: "ops" })]);
  });
});
