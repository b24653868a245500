import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testActor, testProgram } from "@/lib/testing/fixtures";
import { routeParams, sessionRequest, signedInUser, type TestSession } from "@/lib/testing/sessions";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { POST } from "./route";

describeEachDatabase("POST /api/v1/retention/run", (database) => {
  let admin: TestSession;
  let viewer: TestSession;
  beforeAll(async () => {
    await applyProgram(database(), testProgram, testActor);
    admin = await signedInUser(database(), ["admin"]);
    viewer = await signedInUser(database(), ["viewer"]);
  });

  const post = (session: TestSession) => {
    setAppDatabase(database());
    return POST(sessionRequest("/api/v1/retention/run", session, { method: "POST" }), routeParams());
  };

  it("refuses a viewer (403) and deletes nothing", async () => {
    const old = new Date(Date.now() - 500 * 86_400_000).toISOString();
    expect((await ingestBatch(database(), [anEvent("output", { occurredAt: old }), anEvent("output")])).accepted).toBe(2);
    expect((await post(viewer)).status).toBe(403);
    expect(await database().prisma.event.count()).toBe(2);
  });

  it("runs the retention and answers the counts", async () => {
    const response = await post(admin);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ days: 400, deleted: { "ticket-triage": 1 }, held: [], total: 1 });
    expect(body.watermark).toBe(body.cutoff);
    expect(await database().prisma.event.count()).toBe(1);
    const record = await database().prisma.auditRecord.findFirst({ where: { action: "retention.run" }, orderBy: { seq: "desc" } });
    expect(record).toMatchObject({ actorType: "user", actor: admin.email });
  });
});
