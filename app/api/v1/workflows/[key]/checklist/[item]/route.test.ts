import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testProgram, testActor } from "@/lib/testing/fixtures";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { createApiKey } from "@/lib/auth/keys";
import { routeParams, sessionRequest, signedInUser } from "@/lib/testing/sessions";
import { PUT } from "./route";

describeEachDatabase("PUT /api/v1/workflows/KEY/checklist/ITEM", (database) => {
  let admin: string;
  beforeAll(async () => {
    await applyProgram(database(), testProgram, testActor);
    admin = (await createApiKey(database(), { name: "admin", scopes: ["admin"] }, testActor)).secret;
  });

  const put = (key: string, item: string, body: unknown) => {
    setAppDatabase(database());
    const url = `http://x/api/v1/workflows/${encodeURIComponent(key)}/checklist/${encodeURIComponent(item)}`;
    return PUT(new Request(url, { method: "PUT", headers: { authorization: `Bearer ${admin}` }, body: JSON.stringify(body) }), { params: Promise.resolve({ key, item }) });
  };

  it("answers 400 naming the key for a workflow key that is not a slug, NUL included (Postgres failed the lookup: a 500)", async () => {
    for (const key of ["a\u0000b", "Ticket Triage", "../..", "x".repeat(300)]) {
      const response = await put(key, "identity", { status: "done" });
      expect(response.status).toBe(400);
      expect((await response.json()).error.errors).toEqual([{ path: "key", message: expect.any(String) }]);
    }
    expect(await database().prisma.checklistItem.count()).toBe(0);
  });

  it("answers 400 for text that cannot be stored exactly, and stores valid updates", async () => {
    expect((await put("ticket-triage", "identity", { status: "done", owner: "nul\u0000" })).status).toBe(400);
    const ok = await put("ticket-triage", "identity", { status: "done", owner: "Identity team ' OR 1=1 --" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ owner: "Identity team ' OR 1=1 --" });
  });

  it("lets a workflow's owner edit its checklist, audited with before and after, and no one else's", async () => {
    setAppDatabase(database());
    const owner = await signedInUser(database(), ["owner"], ["ticket-triage"]);
    const path = "/api/v1/workflows/ticket-triage/checklist/retention";
    const edit = (workflow: string) =>
      PUT(sessionRequest(path.replace("ticket-triage", workflow), owner, { method: "PUT", body: { status: "in_progress", owner: "Records" } }), routeParams({ key: workflow, item: "retention" }));
    expect((await edit("ticket-triage")).status).toBe(200);
    expect((await edit("crm-enrichment")).status).toBe(403);
    const record = await database().prisma.auditRecord.findFirst({ where: { action: "checklist.update", target: "ticket-triage/retention" } });
    expect(record).toMatchObject({ actorType: "user", actor: owner.email });
    expect(JSON.parse(record!.before!)).toBeNull();
    expect(JSON.parse(record!.after!)).toEqual({ status: "in_progress", owner: "Records", evidence: null });
    expect(await database().prisma.auditRecord.count({ where: { action: "checklist.update", target: "crm-enrichment/retention" } })).toBe(0);
  });
});
